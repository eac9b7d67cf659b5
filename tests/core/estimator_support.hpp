// Point programs for the estimator's tests, read through parse_campaign as a
// campaign's editor would write them.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "campaign.hpp"
#include "documents.hpp"
#include "estimator_settings.hpp"

namespace kifu_test {

// The program written as JSON members (without braces), e.g.
// R"("points": 100, "amount": 500, "step": 100)".
inline kifu::PointProgram program(const std::string& members) {
  const std::string doc =
      campaign_doc()
          .set("point_programs",
               R"([{"id": "p", "name": {"ja": "ポイント", "en": "Points"}, )" + members + "}]")
          .text();
  auto parsed = kifu::parse_campaign(doc);
  for (const auto& e : parsed.diagnostics.errors) UNSCOPED_INFO(kifu::to_string(e));
  REQUIRE(parsed.ok());
  REQUIRE(parsed.value->estimator->programs.size() == 1);
  return parsed.value->estimator->programs[0];
}

// The demo-like shapes of issue 3, one per real program we model.
inline kifu::PointProgram card_100_to_500() {  // 1: 100 pt -> ¥500 in steps of 100
  return program(R"("points": 100, "amount": 500, "step": 100)");
}
inline kifu::PointProgram one_to_one_capped() {  // 2: 50..30,000 per donation, 100,000 a month
  return program(
      R"("points": 1, "amount": 1, "min": 50, "max_per_donation": 30000,
         "max_per_period": {"points": 100000, "period": "month"})");
}
inline kifu::PointProgram one_to_one_to_99999() {  // 3: any amount 1..99,999
  return program(R"("points": 1, "amount": 1, "max_per_donation": 99999,
                    "max_per_period": {"points": 99999, "period": "day"})");
}
inline kifu::PointProgram yen_menu() {  // 4: ¥100, ¥500, ¥1,000, ¥3,000, ¥5,000
  return program(R"("menu": [{"points": 100, "amount": 100}, {"points": 500, "amount": 500},
                             {"points": 1000, "amount": 1000}, {"points": 3000, "amount": 3000},
                             {"points": 5000, "amount": 5000}])");
}
inline kifu::PointProgram mile_blocks() {  // 5b: blocks of 500, 2,000, 3,000, 7,500 miles
  return program(R"("unit": {"ja": "マイル", "en": "miles"},
                    "menu": [{"points": 500, "amount": 500}, {"points": 2000, "amount": 2000},
                             {"points": 3000, "amount": 3000}, {"points": 7500, "amount": 7500}])");
}
inline kifu::PointProgram min_1000() {  // 6: at least 1,000 points, then any amount
  return program(R"("points": 1, "amount": 1, "min": 1000)");
}

}  // namespace kifu_test
