#include "feed.hpp"

#include "json_fields.hpp"

namespace kifu {

using detail::FieldReader;
using detail::json;

namespace {

// Reads by_channel; every channel is optional (a campaign without offline
// donations may leave it out) and an unknown channel is an error, because
// money in a channel Kifu cannot show would silently vanish from the breakdown.
std::optional<std::array<std::int64_t, 4>> read_channels(FieldReader& r, const Currency* cur) {
  const json* v = r.member("by_channel", false);
  if (v == nullptr) return std::nullopt;
  FieldReader ch(*v, "/by_channel", r.diagnostics());
  if (!ch.is_object()) return std::nullopt;
  std::array<std::int64_t, 4> amounts{};
  bool ok = true;
  for (std::size_t i = 0; i < channel_names.size(); ++i) {
    if (ch.member(channel_names[i], false) == nullptr) continue;
    if (auto a = ch.amount(channel_names[i], cur, false)) {
      amounts[i] = *a;
    } else {
      ok = false;
    }
  }
  for (const auto& [key, value] : v->items()) {
    bool known = false;
    for (auto name : channel_names) known = known || key == name;
    if (!known) {
      r.diagnostics().error("/by_channel/" + pointer_token(key),
                            "is not a channel Kifu knows (points, card, transfer, offline)");
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return amounts;
}

Parsed<Feed> parse(std::string_view json_text, const Campaign* campaign) {
  Parsed<Feed> result;
  Diagnostics& d = result.diagnostics;
  auto doc = detail::parse_document(json_text, d);
  if (!doc) return result;
  FieldReader r(*doc, "", d);
  if (!r.is_object() || !r.schema_version("feed", feed_schema_version)) return result;

  Feed f{};
  auto id = r.text("campaign_id", true, 64);
  if (id && campaign && *id != campaign->id) {
    d.error("/campaign_id", "this feed is for campaign " + quote_excerpt(*id, 64) + ", not " +
                                quote_excerpt(campaign->id, 64));
  }
  std::optional<Currency> currency;
  if (auto code = r.text("currency", true, 8)) {
    currency = find_currency(*code);
    if (!currency) {
      d.error("/currency", quote_excerpt(*code) + " is not an ISO 4217 currency Kifu knows");
    } else if (campaign && currency->code != campaign->currency.code) {
      d.error("/currency", "this feed counts " + *code + " but the campaign is in " +
                               std::string(campaign->currency.code));
    }
  }
  const Currency* cur = currency ? &*currency : nullptr;
  auto raised = r.amount("raised", cur, false);
  auto donors = r.integer("donors", 0, INT64_MAX);
  auto donations = r.integer("donations", 0, INT64_MAX);
  if (donors && donations && *donations < *donors) {
    d.error("/donations", "is " + std::to_string(*donations) + ", fewer than /donors (" +
                              std::to_string(*donors) + "); every donor gave at least once");
  }
  auto channels = read_channels(r, cur);
  if (channels && raised) {
    std::optional<std::int64_t> sum = 0;
    for (auto a : *channels) sum = sum ? checked_add(*sum, a) : std::nullopt;
    if (!sum || *sum != *raised) {
      d.error("/by_channel",
              "channels add up to " +
                  (sum ? std::to_string(*sum) : std::string("more than 64 bits hold")) +
                  " but /raised is " + std::to_string(*raised));
    }
  }
  std::optional<std::int64_t> as_of;
  if (const json* v = r.member("as_of", true)) {
    if (v->is_string()) as_of = parse_timestamp(v->get_ref<const std::string&>());
    if (!as_of) {
      d.error("/as_of", "must be a date and time with its offset, like 2026-11-27T10:00:00+09:00");
    }
  }
  auto history_url = r.text("history", false, 2000);
  r.warn_unknown();

  if (!d.ok()) return result;
  f.history_url = history_url.value_or("");
  f.campaign_id = *id;
  f.currency = *currency;
  f.raised = *raised;
  f.donors = *donors;
  f.donations = *donations;
  f.by_channel = channels;
  f.as_of = *as_of;
  result.value = std::move(f);
  return result;
}

}  // namespace

Parsed<Feed> parse_feed(std::string_view json_text) {
  return parse(json_text, nullptr);
}

Parsed<Feed> parse_feed(std::string_view json_text, const Campaign& campaign) {
  return parse(json_text, &campaign);
}

}  // namespace kifu
