#include "point_program.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

#include "estimator_fields.hpp"

namespace kifu {

using detail::FieldReader;
using detail::grouped;
using detail::json;

namespace {

bool valid_id(const std::string& id) {
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// A count of points or an amount inside a rate: positive and small enough
// that balance * term never leaves 64 bits (max_balance * max_rate_term < 2^63).
std::optional<std::int64_t> term(FieldReader& r, std::string_view key, const Currency* currency,
                                 bool is_amount, bool required) {
  std::optional<std::int64_t> v = is_amount ? r.amount(key, currency, true, required)
                                            : r.integer(key, 1, max_rate_term, required);
  if (v && *v > max_rate_term) {
    r.diagnostics().error(r.at(key),
                          "is " + grouped(*v) + "; the limit is " + grouped(max_rate_term));
    return std::nullopt;
  }
  return v;
}

std::optional<Ratio> ratio(FieldReader& parent, std::string_view key, const Currency* currency) {
  const json* v = parent.member(key, false);
  if (v == nullptr) return std::nullopt;
  FieldReader r(*v, parent.at(key), parent.diagnostics());
  if (!r.is_object()) return std::nullopt;
  auto points = term(r, "points", currency, false, true);
  auto amount = term(r, "amount", currency, true, true);
  r.warn_unknown();
  if (!points || !amount) return std::nullopt;
  return Ratio{*points, *amount};
}

void read_menu(FieldReader& r, const json& list, const Currency* currency, PointProgram& p) {
  const std::string at = r.at("menu");
  if (list.empty()) {
    r.diagnostics().error(at, "must list at least one {points, amount} item");
    return;
  }
  std::set<std::int64_t> prices;
  for (std::size_t i = 0; i < list.size(); ++i) {
    FieldReader item(list[i], at + "/" + std::to_string(i), r.diagnostics());
    if (!item.is_object()) continue;
    auto points = term(item, "points", currency, false, true);
    auto amount = term(item, "amount", currency, true, true);
    item.warn_unknown();
    if (!points || !amount) continue;
    if (!prices.insert(*points).second) {
      r.diagnostics().error(item.at("points"),
                            grouped(*points) + " points is already the price of another item");
      continue;
    }
    p.menu.push_back({*points, *amount});
  }
  std::sort(p.menu.begin(), p.menu.end(),
            [](const MenuItem& a, const MenuItem& b) { return a.points < b.points; });
  if (p.menu.empty()) return;
  std::int64_t g_points = 0, g_amount = 0, max_points = 0, max_amount = 0;
  for (const MenuItem& m : p.menu) {
    g_points = std::gcd(g_points, m.points);
    g_amount = std::gcd(g_amount, m.amount);
    max_points = std::max(max_points, m.points);
    max_amount = std::max(max_amount, m.amount);
  }
  for (const auto& [what, largest, g] :
       {std::tuple{"prices", max_points, g_points}, std::tuple{"amounts", max_amount, g_amount}}) {
    if (largest / g > max_menu_span) {
      r.diagnostics().error(
          at, std::string(what) + " divided by their common factor (" + grouped(g) +
                  ") must be at most " + std::to_string(max_menu_span) +
                  " so every estimate stays exact and instant; " + grouped(largest) + " / " +
                  grouped(g) + " = " + grouped(largest / g));
    }
  }
}

void read_rate(FieldReader& r, const Currency* currency, PointProgram& p) {
  auto points = term(r, "points", currency, false, true);
  auto amount = term(r, "amount", currency, true, true);
  auto step = r.integer("step", 1, max_rate_term, false);
  if (points && amount) p.rate = {*points, *amount};
  if (step) p.step = *step;
  // Every donation is a whole number of steps, so requiring each step to be
  // a whole number of minor units makes every contribution exact.
  if (points && amount && (p.step * *amount) % *points != 0) {
    const std::int64_t need = *points / std::gcd(*points, *amount);
    r.diagnostics().error(r.at(step ? "step" : "points"),
                          "a step of " + grouped(p.step) + " points is worth " + grouped(p.step) +
                              " × " + grouped(*amount) + " / " + grouped(*points) +
                              " minor units, not a whole number; make the step a multiple of " +
                              grouped(need));
  }
  auto min = r.integer("min", 1, max_balance, false);
  p.min = min.value_or(p.step);
  if (min && *min % p.step != 0) {
    r.diagnostics().error(r.at("min"), "must be a multiple of the step (" + grouped(p.step) +
                                           "), got " + grouped(*min));
  }
  auto max = r.integer("max_per_donation", 1, max_balance, false);
  if (max) {
    p.max_per_donation = max;
    if (*max % p.step != 0) {
      r.diagnostics().error(
          r.at("max_per_donation"),
          "must be a multiple of the step (" + grouped(p.step) + "), got " + grouped(*max));
    } else if (*max < 2 * p.min - p.step) {
      // Then some totals above the cap could not be split into donations
      // (min 1,000 and max 1,500 cannot make 1,600): refuse rather than guess.
      r.diagnostics().error(r.at("max_per_donation"),
                            "must be at least twice the minimum less one step (" +
                                grouped(2 * p.min - p.step) +
                                ") so that every total from the minimum up can be split into "
                                "donations, got " +
                                grouped(*max));
    }
  }
}

void read_period(FieldReader& r, PointProgram& p) {
  const json* v = r.member("max_per_period", false);
  if (v == nullptr) return;
  FieldReader m(*v, r.at("max_per_period"), r.diagnostics());
  if (!m.is_object()) return;
  auto points = m.integer("points", 1, max_balance, true);
  if (auto period = m.text("period", true, 16)) {
    if (*period == "day")
      p.period = Period::day;
    else if (*period == "month")
      p.period = Period::month;
    else if (*period == "year")
      p.period = Period::year;
    else
      m.diagnostics().error(
          m.at("period"), "must be \"day\", \"month\" or \"year\", got " + quote_excerpt(*period));
  }
  m.warn_unknown();
  if (!points) return;
  p.max_per_period = points;
  const std::int64_t least = p.is_menu() ? p.menu.front().points : p.min;
  if (*points < least) {
    m.diagnostics().error(m.at("points"), "is below the smallest donation (" + grouped(least) +
                                              " points): the program could never be used");
  }
  if (p.max_per_donation && *p.max_per_donation > *points) {
    r.diagnostics().error(r.at("max_per_donation"),
                          "is larger than /max_per_period/points (" + grouped(*points) +
                              "): the two caps overlap; lower max_per_donation");
  }
}

std::optional<PointProgram> read_program(FieldReader& r, const Currency* currency,
                                         std::set<std::string>& ids) {
  PointProgram p;
  Diagnostics& d = r.diagnostics();
  const std::size_t errors_before = d.errors.size();
  if (auto id = r.text("id", true, 64)) {
    if (!valid_id(*id)) {
      d.error(r.at("id"),
              "must be 1 to 64 characters of a-z, 0-9 and '-', got " + quote_excerpt(*id));
    } else if (!ids.insert(*id).second) {
      d.error(r.at("id"), quote_excerpt(*id) + " is the id of another program already");
    }
    p.id = *id;
  }
  if (auto name = detail::localized_field(r, "name", true)) p.name = *name;
  p.unit =
      detail::localized_field(r, "unit", false, 40).value_or(LocalizedText{"ポイント", "points"});
  if (const json* menu = detail::array_field(r, "menu", max_menu_items)) {
    for (const char* rate_only : {"points", "amount", "step", "min", "max_per_donation"}) {
      if (r.member(rate_only, false) != nullptr) {
        d.error(r.at(rate_only),
                "does not apply to a menu program; the menu's items are the only "
                "donations it takes");
      }
    }
    read_menu(r, *menu, currency, p);
  } else if (r.member("menu", false) == nullptr) {
    read_rate(r, currency, p);
  }
  read_period(r, p);
  p.valid_from = detail::optional_date(r, "valid_from");
  p.valid_until = detail::optional_date(r, "valid_until");
  if (p.valid_from && p.valid_until && *p.valid_until < *p.valid_from) {
    d.error(r.at("valid_until"), "is before valid_from (" + to_iso(*p.valid_until) + " < " +
                                     to_iso(*p.valid_from) + ")");
  }
  p.point_value = ratio(r, "point_value", currency);
  r.warn_unknown();
  if (d.errors.size() != errors_before) return std::nullopt;
  return p;
}

}  // namespace

std::int64_t PointProgram::granule_points() const {
  if (!is_menu()) return step;
  std::int64_t g = 0;
  for (const MenuItem& m : menu) g = std::gcd(g, m.points);
  return g;
}

std::vector<PointProgram> read_point_programs(FieldReader& campaign, const Currency* currency) {
  std::vector<PointProgram> programs;
  const json* list = detail::array_field(campaign, "point_programs", max_programs);
  if (list == nullptr) return programs;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    FieldReader r((*list)[i], campaign.at("point_programs") + "/" + std::to_string(i),
                  campaign.diagnostics());
    if (!r.is_object()) continue;
    if (auto p = read_program(r, currency, ids)) programs.push_back(std::move(*p));
  }
  return programs;
}

bool program_open_on(const PointProgram& p, const Date& today) {
  if (p.valid_from && today < *p.valid_from) return false;
  if (p.valid_until && *p.valid_until < today) return false;
  return true;
}

}  // namespace kifu
