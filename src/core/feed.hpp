// The totals feed: the small JSON the back office republishes on a schedule.
// The format is a public contract; see docs in README.md.
//
//   auto feed = parse_feed(text, campaign);   // refuses another campaign's feed
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "campaign.hpp"
#include "diagnostic.hpp"
#include "money.hpp"

namespace kifu {

enum class Channel { points, card, transfer, offline };
inline constexpr std::array<std::string_view, 4> channel_names = {"points", "card", "transfer",
                                                                  "offline"};

inline constexpr int feed_schema_version = 1;

struct Feed {
  std::string campaign_id;
  Currency currency;
  std::int64_t raised;     // minor units
  std::int64_t donors;     // distinct people
  std::int64_t donations;  // individual gifts; a donor may give many times
  // Per channel, indexed by Channel; absent when the feed has no breakdown.
  std::optional<std::array<std::int64_t, 4>> by_channel;
  std::int64_t as_of;  // Unix seconds
  // Where the daily history is (history.hpp), relative to the feed's URL;
  // empty when the feed points to none.
  std::string history_url;
};

// Checks the feed on its own.
Parsed<Feed> parse_feed(std::string_view json_text);
// Checks the feed and that it belongs to this campaign (id and currency).
Parsed<Feed> parse_feed(std::string_view json_text, const Campaign& campaign);

}  // namespace kifu
