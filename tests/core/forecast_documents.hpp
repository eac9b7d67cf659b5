// Histories for the forecast tests, written as the JSON a back office would
// publish, for the reference campaign of documents.hpp (2026-04-01 to
// 2027-03-31, goal ¥1,100,000,000, Asia/Tokyo).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dates.hpp"
#include "documents.hpp"

namespace kifu_test {

// One channel ("points"), a row for every day from the campaign's start.
inline std::string history_json(const std::vector<std::int64_t>& days,
                                const std::string& extra_members = "") {
  const std::int64_t start = kifu::days_from_civil({2026, 4, 1});
  std::string rows;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (i > 0) rows += ",";
    rows += "[\"" + kifu::to_iso(kifu::civil_from_days(start + static_cast<std::int64_t>(i))) +
            "\"," + std::to_string(days[i]) + "]";
  }
  return R"({"schema_version":1,"campaign_id":"animal-center","currency":"JPY",)"
         R"("channels":["points"],"days":[)" +
         rows + "]" + extra_members + "}";
}

// The feed of documents.hpp with another total and date.
inline std::string feed_json(std::int64_t raised, const std::string& as_of) {
  return feed_doc()
      .remove("by_channel")
      .set("raised", std::to_string(raised))
      .set("as_of", "\"" + as_of + "\"")
      .text();
}

}  // namespace kifu_test
