// Sponsor matching: a sponsor adds a percentage of each gift, up to a cap
// per donor and a cap in total, between two dates, optionally only for some
// channels. The estimator shows the match apart from the gift itself.
//
//   "matching": { "sponsor": {"ja": "みなと銀行", "en": "Minato Bank"}, "percent": 50,
//                 "cap_per_donor": 10000, "cap_total": 5000000,
//                 "start": "2026-12-01", "end": "2026-12-31", "channels": ["points"] }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "campaign.hpp"

namespace kifu {

namespace detail {
class FieldReader;
}

struct Matching {
  LocalizedText sponsor;
  std::int64_t percent;               // 1..1000 (100 doubles the gift)
  std::int64_t cap_per_donor;         // minor units
  std::int64_t cap_total;             // minor units, >= cap_per_donor
  std::optional<Date> start;          // inclusive
  std::optional<Date> end;            // inclusive
  std::vector<std::string> channels;  // empty: every channel
};

std::optional<Matching> read_matching(detail::FieldReader& campaign, const Currency* currency);

// floor(gift * percent / 100), never above either cap; 0 outside the dates
// or for a channel the sponsor does not match. The total cap is the most the
// sponsor gives anyone: the estimator does not know what is already matched.
std::int64_t matched_amount(const Matching& m, std::int64_t gift, const Date& today,
                            std::string_view channel);

}  // namespace kifu
