#include "history.hpp"

#include <array>
#include <set>

#include "feed.hpp"
#include "json_fields.hpp"

namespace kifu {

using detail::FieldReader;
using detail::json;

namespace {

// A file with thousands of bad rows gets the first few errors and a count,
// not a megabyte of messages.
constexpr std::size_t max_row_errors = 20;
constexpr std::size_t max_label_bytes = 300;

std::optional<LocalizedText> label_field(FieldReader& parent) {
  const json* v = parent.member("label", true);
  if (v == nullptr) return std::nullopt;
  FieldReader r(*v, parent.at("label"), parent.diagnostics());
  if (!r.is_object()) return std::nullopt;
  auto ja = r.text("ja", true, max_label_bytes);
  auto en = r.text("en", true, max_label_bytes);
  r.warn_unknown();
  if (!ja || !en) return std::nullopt;
  return LocalizedText{*ja, *en};
}

std::optional<Date> date_value(const json& v, const std::string& pointer, Diagnostics& d) {
  std::optional<Date> date;
  if (v.is_string()) date = parse_date(v.get_ref<const std::string&>());
  if (!date) {
    d.error(pointer, "must be a date written YYYY-MM-DD (a real calendar date), got " +
                         (v.is_string() ? quote_excerpt(v.get_ref<const std::string&>())
                                        : detail::describe(v)));
  }
  return date;
}

std::optional<Date> date_field(FieldReader& r, std::string_view key, bool required) {
  const json* v = r.member(key, required);
  if (v == nullptr) return std::nullopt;
  return date_value(*v, r.at(key), r.diagnostics());
}

// from..to, in order; the range itself may lie anywhere (a scenario may be
// about the years after the campaign).
bool date_range(FieldReader& r, Date& from, Date& to) {
  auto f = date_field(r, "from", true);
  auto t = date_field(r, "to", true);
  if (!f || !t) return false;
  if (*t < *f) {
    r.diagnostics().error(r.at("to"), "is before /from (" + to_iso(*f) + ")");
    return false;
  }
  from = *f;
  to = *t;
  return true;
}

std::optional<std::vector<std::size_t>> read_channels(FieldReader& r) {
  const json* v = r.member("channels", false);
  std::vector<std::size_t> order;
  if (v == nullptr) {
    for (std::size_t i = 0; i < channel_names.size(); ++i) order.push_back(i);
    return order;
  }
  const std::string p = r.at("channels");
  if (!v->is_array() || v->empty()) {
    r.diagnostics().error(p, "must be a list of channel names (points, card, transfer, offline)");
    return std::nullopt;
  }
  std::set<std::size_t> seen;
  for (std::size_t k = 0; k < v->size(); ++k) {
    const json& name = (*v)[k];
    std::optional<std::size_t> index;
    for (std::size_t i = 0; i < channel_names.size(); ++i) {
      if (name.is_string() && name.get_ref<const std::string&>() == channel_names[i]) index = i;
    }
    if (!index) {
      r.diagnostics().error(p + "/" + std::to_string(k),
                            "is not a channel Kifu knows (points, card, transfer, offline)");
      return std::nullopt;
    }
    if (!seen.insert(*index).second) {
      r.diagnostics().error(p + "/" + std::to_string(k), "names a channel twice");
      return std::nullopt;
    }
    order.push_back(*index);
  }
  return order;
}

struct Row {
  Date date;
  std::int64_t total;
};

// One day: ["2026-04-01", points, card, ...] with one amount per channel.
std::optional<Row> read_row(const json& v, const std::string& p, std::size_t channels,
                            Diagnostics& d) {
  if (!v.is_array() || v.size() != channels + 1) {
    d.error(p, "must be [date, " + std::to_string(channels) +
                   " amounts (one per channel, negative for refunds)], got " + detail::describe(v) +
                   (v.is_array() ? " of " + std::to_string(v.size()) + " items" : ""));
    return std::nullopt;
  }
  auto date = date_value(v[0], p + "/0", d);
  std::int64_t total = 0;
  bool ok = date.has_value();
  for (std::size_t k = 1; k < v.size(); ++k) {
    const json& a = v[k];
    // JSON has no NaN or Infinity; strings, nulls and fractions land here.
    if (!a.is_number_integer() ||
        (a.is_number_unsigned() &&
         a.get<std::uint64_t>() > static_cast<std::uint64_t>(max_daily_amount))) {
      d.error(p + "/" + std::to_string(k),
              "must be an integer amount in minor units (negative for refunds), got " +
                  (a.is_number_integer() ? "a number beyond 10^13" : detail::describe(a)));
      ok = false;
      continue;
    }
    const auto n = a.get<std::int64_t>();
    if (n > max_daily_amount || n < -max_daily_amount) {
      d.error(p + "/" + std::to_string(k),
              "is beyond 10^13 minor units, more than a forecast can take for one day");
      ok = false;
      continue;
    }
    total += n;  // at most 4 * 10^13: no overflow
  }
  if (ok && (total > max_daily_amount || total < -max_daily_amount)) {
    d.error(p, "adds up to more than 10^13 minor units, more than a forecast can take for one day");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return Row{*date, total};
}

}  // namespace

Parsed<History> parse_history(std::string_view json_text, const Campaign& campaign) {
  Parsed<History> result;
  Diagnostics& d = result.diagnostics;
  auto doc = detail::parse_document(json_text, d);
  if (!doc) return result;
  FieldReader r(*doc, "", d);
  if (!r.is_object()) return result;
  if (!r.integer("schema_version", history_schema_version, history_schema_version)) return result;

  if (auto id = r.text("campaign_id", true, 64); id && *id != campaign.id) {
    d.error("/campaign_id", "this history is for campaign " + quote_excerpt(*id, 64) + ", not " +
                                quote_excerpt(campaign.id, 64));
  }
  if (auto code = r.text("currency", true, 8); code && *code != campaign.currency.code) {
    d.error("/currency", "this history counts " + quote_excerpt(*code) +
                             " but the campaign is in " + std::string(campaign.currency.code));
  }
  auto channels = read_channels(r);
  auto through = date_field(r, "through", false);
  if (through && (*through < campaign.start || *through > campaign.end)) {
    d.error("/through", "must lie within the campaign, " + to_iso(campaign.start) + " to " +
                            to_iso(campaign.end));
    through.reset();
  }

  History h{};
  h.first = campaign.start;
  std::vector<Row> rows;
  const json* days = r.member("days", true);
  if (days != nullptr && !days->is_array()) {
    d.error("/days", "must be a list of days, got " + detail::describe(*days));
  } else if (days != nullptr && channels) {
    std::size_t bad = 0;
    std::optional<Date> previous;
    for (std::size_t i = 0; i < days->size(); ++i) {
      const std::string p = "/days/" + std::to_string(i);
      Diagnostics row_diagnostics;
      auto row = read_row((*days)[i], p, channels->size(), row_diagnostics);
      if (row && previous && row->date <= *previous) {
        row_diagnostics.error(
            p + "/0", (row->date == *previous ? "lists " + to_iso(row->date) + " a second time"
                                              : "is before the day listed above "
                                                "it (" +
                                                    to_iso(*previous) + ")") +
                          "; days must be listed once each, in order");
        row.reset();
      } else if (row && (row->date < campaign.start || row->date > campaign.end)) {
        row_diagnostics.error(p + "/0", to_iso(row->date) + " is outside the campaign, " +
                                            to_iso(campaign.start) + " to " + to_iso(campaign.end));
        row.reset();
      } else if (row && through && row->date > *through) {
        row_diagnostics.error(p + "/0",
                              to_iso(row->date) + " is after /through (" + to_iso(*through) + ")");
        row.reset();
      }
      if (row) {
        previous = row->date;
        rows.push_back(*row);
        continue;
      }
      for (auto& e : row_diagnostics.errors) {
        if (bad < max_row_errors) d.errors.push_back(std::move(e));
        ++bad;
      }
      if (!row_diagnostics.errors.empty() && (*days)[i].is_array() && !(*days)[i].empty()) {
        // keep order checks going from a bad row's date when it has one
        if (auto date = (*days)[i][0].is_string()
                            ? parse_date((*days)[i][0].get_ref<const std::string&>())
                            : std::nullopt;
            date && (!previous || *date > *previous)) {
          previous = date;
        }
      }
    }
    if (bad > max_row_errors) {
      d.error("/days", std::to_string(bad - max_row_errors) + " more errors in days not listed");
    }
  }

  if (const json* v = r.member("events", false)) {
    if (!v->is_array() || v->size() > max_events) {
      d.error("/events", "must be a list of at most " + std::to_string(max_events) + " events");
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        FieldReader e((*v)[i], "/events/" + std::to_string(i), d);
        if (!e.is_object()) continue;
        ForecastEvent ev{};
        auto label = label_field(e);
        const bool range = date_range(e, ev.from, ev.to);
        auto percent = e.integer("percent", 0, max_event_percent);
        e.warn_unknown();
        if (!label || !range || !percent) continue;
        ev.label = *label;
        ev.percent = static_cast<int>(*percent);
        h.events.push_back(std::move(ev));
      }
    }
  }
  if (const json* v = r.member("scenarios", false)) {
    if (!v->is_array() || v->size() > max_scenarios) {
      d.error("/scenarios",
              "must be a list of at most " + std::to_string(max_scenarios) + " scenarios");
    } else {
      for (std::size_t i = 0; i < v->size(); ++i) {
        FieldReader s((*v)[i], "/scenarios/" + std::to_string(i), d);
        if (!s.is_object()) continue;
        Scenario sc{};
        auto label = label_field(s);
        const bool range = date_range(s, sc.from, sc.to);
        auto people = s.integer("people", 1, 10'000'000'000);
        auto each = s.amount("each", &campaign.currency, true);
        s.warn_unknown();
        if (!label || !range || !people || !each) continue;
        auto amount = checked_mul(*people, *each);
        if (!amount || *amount > max_scenario_amount) {
          d.error(s.at("each"),
                  "people times each is beyond 10^15 minor units, more than a "
                  "scenario can add");
          continue;
        }
        sc.label = *label;
        sc.people = *people;
        sc.each = *each;
        sc.amount = *amount;
        h.scenarios.push_back(std::move(sc));
      }
    }
  }
  r.warn_unknown();
  if (!d.ok()) return result;

  // No `through`: the history covers the days up to the last one listed.
  if (through) {
    h.through = *through;
  } else if (!rows.empty()) {
    h.through = rows.back().date;
  } else {
    h.through = civil_from_days(days_from_civil(campaign.start) - 1);  // no days at all
  }
  const std::int64_t first = days_from_civil(h.first);
  const std::int64_t count = days_from_civil(h.through) - first + 1;
  if (count > max_history_days) {
    d.error(through ? "/through" : "/days", "covers " + std::to_string(count) +
                                                " days; a history holds at most " +
                                                std::to_string(max_history_days) + " (a century)");
    return result;
  }
  h.daily.assign(static_cast<std::size_t>(count > 0 ? count : 0), 0);
  for (const Row& row : rows) {
    h.daily[static_cast<std::size_t>(days_from_civil(row.date) - first)] = row.total;
  }
  result.value = std::move(h);
  return result;
}

}  // namespace kifu
