// Any bytes as donation records, JSON Lines or CSV (the first byte chooses),
// cut into chunks at arbitrary places, settled in memory or (the first byte
// again) through spill files under a 4 KiB budget: the counts always
// balance, and the feed and history written from whatever was accepted read
// back as valid.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aggregate.hpp"
#include "campaign.hpp"
#include "history.hpp"

namespace {
const char* campaign_text = R"({"schema_version":1,"id":"animal-center","title":{"ja":"t","en":"t"},
  "currency":"JPY","goal":1100000000,"start":"2026-04-01","end":"2027-03-31",
  "feed":{"url":"feed.json"}})";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kifu::Campaign campaign = *kifu::parse_campaign(campaign_text).value;
  if (size < 2) return 0;
  const auto format = (data[0] & 1) ? kifu::RecordFormat::csv : kifu::RecordFormat::json_lines;
  const std::size_t chunk = 1 + data[1] % 64;
  std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);

  const std::size_t budget = (data[0] & 2) ? 4096 : std::size_t{1} << 20;
  kifu::Aggregator agg(campaign, {budget, "/tmp"});
  kifu::RecordFile in(agg, format);
  std::uint64_t rejects = 0;
  auto sink = [&](const kifu::Reject& r) {
    if (r.reasons.empty()) __builtin_trap();  // a reject always says why
    ++rejects;
  };
  for (std::size_t at = 0; at < text.size() && !in.unusable(); at += chunk) {
    in.push(text.substr(at, chunk));
  }
  if (!in.unusable()) in.finish();
  if (!agg.finish(sink)) __builtin_trap();
  const auto& c = agg.counts();
  if (c.read != c.accepted + c.rejected + c.duplicates || c.rejected != rejects) __builtin_trap();

  const std::int64_t as_of = 1796000000;
  if (!kifu::parse_feed(kifu::feed_json(agg.feed(as_of), campaign, "history.json"), campaign)
           .ok()) {
    __builtin_trap();
  }
  if (!kifu::parse_history(kifu::history_json(agg, as_of, ""), campaign).ok()) __builtin_trap();
  return 0;
}
