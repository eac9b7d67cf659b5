// Any bytes as a totals feed, alone and against a campaign.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "campaign.hpp"
#include "feed.hpp"

namespace {
const char* campaign_text = R"({"schema_version":1,"id":"animal-center","title":{"ja":"t","en":"t"},
  "currency":"JPY","goal":1100000000,"start":"2026-04-01","end":"2027-03-31",
  "feed":{"url":"feed.json"}})";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const kifu::Campaign campaign = *kifu::parse_campaign(campaign_text).value;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto alone = kifu::parse_feed(text);
  auto against = kifu::parse_feed(text, campaign);
  if (!alone.ok() && alone.diagnostics.errors.empty()) __builtin_trap();
  // A feed valid for a campaign is valid on its own.
  if (against.ok() && !alone.ok()) __builtin_trap();
  if (alone.ok() && alone.value->donations < alone.value->donors) __builtin_trap();
  return 0;
}
