// Forward ("my balance becomes…") and inverse ("a target needs…") for each
// program shape, with every boundary. Expected values are worked by hand in
// the comments.
#include <catch2/catch.hpp>

#include "estimate.hpp"
#include "estimator_support.hpp"

using kifu::estimate_forward;
using kifu::estimate_inverse;
using kifu::Limit;
using namespace kifu_test;

namespace {
struct F {
  std::int64_t points, amount, leftover, donations;
  Limit limit;
};
void check(const kifu::ForwardEstimate& e, F want) {
  CHECK(e.points == want.points);
  CHECK(e.amount == want.amount);
  CHECK(e.leftover == want.leftover);
  CHECK(e.donations == want.donations);
  CHECK(e.limit == want.limit);
}
}  // namespace

TEST_CASE("100 points give 500 yen in steps of 100") {
  const auto p = card_100_to_500();
  check(estimate_forward(p, 3000, true), {3000, 15000, 0, 1, Limit::none});  // 30 * 500
  check(estimate_forward(p, 3050, true), {3000, 15000, 50, 1, Limit::none});
  check(estimate_forward(p, 100, true), {100, 500, 0, 1, Limit::none});   // exactly the minimum
  check(estimate_forward(p, 99, true), {0, 0, 99, 0, Limit::below_min});  // one under
  check(estimate_forward(p, 199, true),
        {100, 500, 99, 1, Limit::none});  // the last step before 200
  check(estimate_forward(p, 0, true), {0, 0, 0, 0, Limit::below_min});
}

TEST_CASE("1 point a yen from 50 to 30,000 per donation and 100,000 a month") {
  const auto p = one_to_one_capped();
  check(estimate_forward(p, 50, true), {50, 50, 0, 1, Limit::none});      // the minimum
  check(estimate_forward(p, 49, true), {0, 0, 49, 0, Limit::below_min});  // one under
  check(estimate_forward(p, 30000, true),
        {30000, 30000, 0, 1, Limit::none});  // the per-donation cap
  // One over the per-donation cap: two donations, e.g. 29,951 + 50.
  check(estimate_forward(p, 30001, true), {30001, 30001, 0, 2, Limit::none});
  // 100,000 = 30,000 * 3 + 10,000: four donations, exactly the monthly cap.
  check(estimate_forward(p, 100000, true), {100000, 100000, 0, 4, Limit::none});
  // One over the monthly cap: that one point is a whole step the cap stops.
  check(estimate_forward(p, 100001, true), {100000, 100000, 1, 4, Limit::period_cap});
  check(estimate_forward(p, 150000, true), {100000, 100000, 50000, 4, Limit::period_cap});
}

TEST_CASE("1 point a yen, any amount from 1 to 99,999") {
  const auto p = one_to_one_to_99999();
  check(estimate_forward(p, 1, true), {1, 1, 0, 1, Limit::none});
  check(estimate_forward(p, 99999, true), {99999, 99999, 0, 1, Limit::none});
  check(estimate_forward(p, 100000, true), {99999, 99999, 1, 1, Limit::period_cap});  // one over
}

TEST_CASE("a fixed menu of 100, 500, 1,000, 3,000 and 5,000 yen") {
  const auto p = yen_menu();
  check(estimate_forward(p, 100, true), {100, 100, 0, 1, Limit::none});  // the smallest item
  check(estimate_forward(p, 99, true), {0, 0, 99, 0, Limit::below_min});
  // 8,650 = 5,000 + 3,000 + 500 + 100: four items, 50 left (under the smallest price).
  check(estimate_forward(p, 8650, true), {8600, 8600, 50, 4, Limit::none});
  // 100,000 = 20 * 5,000.
  check(estimate_forward(p, 100000, true), {100000, 100000, 0, 20, Limit::none});
}

TEST_CASE("miles in blocks of 500, 2,000, 3,000 or 7,500") {
  const auto p = mile_blocks();
  check(estimate_forward(p, 499, true), {0, 0, 499, 0, Limit::below_min});
  check(estimate_forward(p, 500, true), {500, 500, 0, 1, Limit::none});
  // 10,999 -> 7,500 + 3,000 = 10,500, 499 left.
  check(estimate_forward(p, 10999, true), {10500, 10500, 499, 2, Limit::none});
  // A large balance takes the shortcut (see menu_forward): 1,000,000 = 133 * 7,500 + 2,500,
  // 2,500 = 2,000 + 500: 135 items, nothing left.
  check(estimate_forward(p, 1000000, true), {1000000, 1000000, 0, 135, Limit::none});
}

TEST_CASE("miles at 1 mile a yen in 1-mile steps") {
  const auto p = program(R"("unit": {"ja": "マイル", "en": "miles"}, "points": 1, "amount": 1)");
  check(estimate_forward(p, 1, true), {1, 1, 0, 1, Limit::none});
  check(estimate_forward(p, 12345, true), {12345, 12345, 0, 1, Limit::none});
}

TEST_CASE("at least 1,000 points, then any amount") {
  const auto p = min_1000();
  check(estimate_forward(p, 1000, true), {1000, 1000, 0, 1, Limit::none});
  check(estimate_forward(p, 999, true), {0, 0, 999, 0, Limit::below_min});
  check(estimate_forward(p, 1001, true), {1001, 1001, 0, 1, Limit::none});
}

TEST_CASE("a program closed today uses nothing and says why") {
  check(estimate_forward(card_100_to_500(), 3000, false), {0, 0, 3000, 0, Limit::not_open});
}

TEST_CASE("the inverse of an exact target in steps") {
  const auto inv = estimate_inverse(card_100_to_500(), 15000);
  REQUIRE(inv.exact);
  CHECK(inv.above->points == 3000);  // 15,000 / 500 * 100
  CHECK(inv.below->points == 3000);
}

TEST_CASE("a target between steps shows the nearest below and above") {
  const auto inv = estimate_inverse(card_100_to_500(), 15200);
  CHECK_FALSE(inv.exact);
  CHECK(inv.below->points == 3000);
  CHECK(inv.below->amount == 15000);
  CHECK(inv.above->points == 3100);
  CHECK(inv.above->amount == 15500);
}

TEST_CASE("a target under the minimum has only an above") {
  const auto inv = estimate_inverse(min_1000(), 10);
  CHECK_FALSE(inv.below);
  CHECK(inv.above->points == 1000);
}

TEST_CASE("a target beyond the period cap has only a below") {
  const auto inv = estimate_inverse(one_to_one_capped(), 100001);
  CHECK(inv.below->points == 100000);
  CHECK_FALSE(inv.above);
  CHECK(inv.beyond_cap);
}

TEST_CASE("a menu target takes the fewest points, and says nearest when not exact") {
  const auto exact = estimate_inverse(mile_blocks(), 10000);  // 7,500 + 2,000 + 500
  REQUIRE(exact.exact);
  CHECK(exact.above->points == 10000);
  CHECK(exact.above->donations == 3);
  const auto near = estimate_inverse(mile_blocks(), 1200);
  CHECK_FALSE(near.exact);
  CHECK(near.below->amount == 1000);  // 500 + 500
  CHECK(near.above->amount == 1500);  // 3 * 500
}
