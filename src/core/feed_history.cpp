#include "feed_history.hpp"

#include "feed.hpp"
#include "json_fields.hpp"

namespace kifu::detail {

namespace {

std::optional<HistoryDay> read_day(const json& value, const std::string& at, Diagnostics& d,
                                   const Currency* currency) {
  FieldReader r(value, at, d);
  if (!r.is_object()) return std::nullopt;
  HistoryDay day;
  bool ok = true;
  std::optional<Date> date;
  if (auto text = r.text("date", true, 10)) date = parse_date(*text);
  if (!date) {
    if (r.member("date", false)) {
      d.error(r.at("date"), "must be a date written YYYY-MM-DD (a real calendar date)");
    }
    ok = false;
  }
  auto raised = r.amount("raised", currency, false);
  auto donations = r.integer("donations", 0, INT64_MAX);
  std::array<std::int64_t, 4> channels{};
  if (const json* v = r.member("by_channel", true)) {
    FieldReader ch(*v, r.at("by_channel"), d);
    if (ch.is_object()) {
      std::optional<std::int64_t> sum = 0;
      for (std::size_t i = 0; i < channel_names.size(); ++i) {
        auto a = ch.amount(channel_names[i], currency, false);
        if (!a) {
          ok = false;
          continue;
        }
        channels[i] = *a;
        sum = sum ? checked_add(*sum, *a) : std::nullopt;
      }
      ch.warn_unknown();
      if (ok && raised && (!sum || *sum != *raised)) {
        d.error(r.at("by_channel"), "channels add up to " +
                                        (sum ? std::to_string(*sum) : std::string("too much")) +
                                        " but the day's raised is " + std::to_string(*raised));
        ok = false;
      }
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  r.warn_unknown();
  if (!ok || !raised || !donations || !date) return std::nullopt;
  day.date = *date;
  day.raised = *raised;
  day.donations = *donations;
  day.by_channel = channels;
  return day;
}

}  // namespace

std::optional<std::vector<HistoryDay>> read_history(FieldReader& r, const Currency* currency,
                                                    std::optional<std::int64_t> raised,
                                                    std::optional<std::int64_t> donations) {
  const json* list = r.member("history", false);
  if (list == nullptr) return std::nullopt;
  Diagnostics& d = r.diagnostics();
  if (!list->is_array()) {
    d.error("/history", "must be an array of days, got " + describe(*list));
    return std::nullopt;
  }
  if (list->size() > max_history_days) {
    d.error("/history", "has " + std::to_string(list->size()) + " days; the limit is " +
                            std::to_string(max_history_days));
    return std::nullopt;
  }
  std::vector<HistoryDay> days;
  bool ok = true;
  std::optional<std::int64_t> sum_raised = 0, sum_donations = 0;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string at = "/history/" + std::to_string(i);
    auto day = read_day((*list)[i], at, d, currency);
    if (!day) {
      ok = false;
      continue;
    }
    if (!days.empty() && days_from_civil(day->date) != days_from_civil(days.back().date) + 1) {
      d.error(at + "/date", "must be the day after " + to_iso(days.back().date) +
                                ": the history lists every day in order");
      ok = false;
    }
    sum_raised = sum_raised ? checked_add(*sum_raised, day->raised) : std::nullopt;
    sum_donations = sum_donations ? checked_add(*sum_donations, day->donations) : std::nullopt;
    days.push_back(*day);
  }
  if (!ok) return std::nullopt;
  if (raised && sum_raised != raised) {
    d.error("/history", "days add up to " +
                            (sum_raised ? std::to_string(*sum_raised) : std::string("too much")) +
                            " but /raised is " + std::to_string(*raised));
    return std::nullopt;
  }
  if (donations && sum_donations != donations) {
    d.error("/history",
            "days count " +
                (sum_donations ? std::to_string(*sum_donations) : std::string("too many")) +
                " donations but /donations is " + std::to_string(*donations));
    return std::nullopt;
  }
  return days;
}

}  // namespace kifu::detail
