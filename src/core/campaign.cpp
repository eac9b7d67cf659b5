#include "campaign.hpp"

#include "estimator_settings.hpp"
#include "json_fields.hpp"

namespace kifu {

using detail::FieldReader;
using detail::json;

std::optional<Lang> parse_lang(std::string_view text) {
  if (text == "ja") return Lang::ja;
  if (text == "en") return Lang::en;
  return std::nullopt;
}

namespace {

constexpr std::size_t max_title_bytes = 300;
constexpr std::size_t max_summary_bytes = 4000;
constexpr std::size_t max_url_bytes = 2000;
constexpr std::size_t max_milestones = 100;

// Every text a visitor reads exists in Japanese and in English.
std::optional<LocalizedText> localized(FieldReader& parent, std::string_view key, bool required,
                                       std::size_t max_bytes, bool multiline) {
  const json* v = parent.member(key, required);
  if (v == nullptr) return std::nullopt;
  FieldReader r(*v, parent.at(key), parent.diagnostics());
  if (!r.is_object()) return std::nullopt;
  auto ja = r.text("ja", true, max_bytes, multiline);
  auto en = r.text("en", true, max_bytes, multiline);
  r.warn_unknown();
  if (!ja || !en) return std::nullopt;
  return LocalizedText{*ja, *en};
}

// A campaign id appears in URLs and file names: keep it to what is safe in both.
bool valid_id(const std::string& id) {
  if (id.size() > 64) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

std::optional<Date> date_field(FieldReader& r, std::string_view key) {
  const json* v = r.member(key, true);
  if (v == nullptr) return std::nullopt;
  std::optional<Date> d;
  if (v->is_string()) d = parse_date(v->get_ref<const std::string&>());
  if (!d) {
    const std::string got =
        v->is_string() ? quote_excerpt(v->get_ref<const std::string&>()) : detail::describe(*v);
    r.diagnostics().error(r.at(key),
                          "must be a date written YYYY-MM-DD (a real calendar date, year 1970 or "
                          "later), got " +
                              got);
  }
  return d;
}

void read_milestones(FieldReader& r, const Currency* currency, Campaign& c) {
  const json* list = r.member("milestones", false);
  if (list == nullptr) return;
  const std::string at = r.at("milestones");
  if (!list->is_array()) {
    r.diagnostics().error(at,
                          "must be an array of {amount, label}, got " + detail::describe(*list));
    return;
  }
  if (list->size() > max_milestones) {
    r.diagnostics().error(at, "has " + std::to_string(list->size()) + " milestones; the limit is " +
                                  std::to_string(max_milestones));
    return;
  }
  std::optional<std::int64_t> previous;
  for (std::size_t i = 0; i < list->size(); ++i) {
    FieldReader m((*list)[i], at + "/" + std::to_string(i), r.diagnostics());
    if (!m.is_object()) continue;
    auto amount = m.amount("amount", currency, true);
    auto label = localized(m, "label", true, max_title_bytes, false);
    m.warn_unknown();
    if (amount && previous && *amount <= *previous) {
      r.diagnostics().error(m.at("amount"),
                            "must be larger than the milestone before it; "
                            "milestones are listed from smallest to largest");
    }
    if (amount) previous = amount;
    if (amount && label) c.milestones.push_back({*amount, *label});
  }
}

}  // namespace

Parsed<Campaign> parse_campaign(std::string_view json_text) {
  Parsed<Campaign> result;
  Diagnostics& d = result.diagnostics;
  auto doc = detail::parse_document(json_text, d);
  if (!doc) return result;
  FieldReader r(*doc, "", d);
  if (!r.is_object() || !r.schema_version("campaign", campaign_schema_version)) return result;

  Campaign c{};
  auto id = r.text("id", true, 64);
  if (id && !valid_id(*id)) {
    d.error("/id", "must be 1 to 64 characters of a-z, 0-9 and '-', got " + quote_excerpt(*id, 64));
  }
  auto title = localized(r, "title", true, max_title_bytes, false);
  auto summary = localized(r, "summary", false, max_summary_bytes, true);

  std::optional<Currency> currency;
  if (auto code = r.text("currency", true, 8)) {
    currency = find_currency(*code);
    if (!currency)
      d.error("/currency", quote_excerpt(*code) + " is not an ISO 4217 currency Kifu knows");
  }
  const Currency* cur = currency ? &*currency : nullptr;
  auto goal = r.amount("goal", cur, true);

  auto start = date_field(r, "start");
  auto end = date_field(r, "end");
  if (start && end && *end < *start) {
    d.error("/end", "is before /start (" + to_iso(*end) + " < " + to_iso(*start) + ")");
  }

  std::optional<TimeZone> tz = find_time_zone("Asia/Tokyo");
  if (auto name = r.text("time_zone", false, 64)) {
    tz = find_time_zone(*name);
    if (!tz) {
      d.error("/time_zone", quote_excerpt(*name) +
                                " is not a time zone Kifu can place days in yet (known: " +
                                known_time_zones() + ")");
    }
  }

  read_milestones(r, cur, c);

  if (const json* feed = r.member("feed", true)) {
    FieldReader f(*feed, "/feed", d);
    if (auto url = f.text("url", true, max_url_bytes)) c.feed_url = *url;
    if (auto poll = f.integer("poll_seconds", 1, 86400, false)) {
      if (*poll < min_poll_seconds) {
        d.warning("/feed/poll_seconds", std::to_string(*poll) + " is below the minimum of " +
                                            std::to_string(min_poll_seconds) + "; polling every " +
                                            std::to_string(min_poll_seconds) + " seconds");
        c.poll_seconds = min_poll_seconds;
      } else {
        c.poll_seconds = static_cast<int>(*poll);
      }
    }
    f.warn_unknown();
  }
  if (auto sample = r.boolean("sample_data")) c.sample_data = *sample;

  auto estimator = read_estimator_settings(r, cur);
  r.warn_unknown();

  if (!d.ok()) return result;
  c.id = *id;
  c.title = *title;
  if (summary) c.summary = *summary;
  c.currency = *currency;
  c.goal = *goal;
  c.start = *start;
  c.end = *end;
  c.time_zone = *tz;
  c.estimator = std::move(estimator);
  result.value = std::move(c);
  return result;
}

}  // namespace kifu
