// Properties of the estimates over many generated balances and targets
// (seeded): the rules a visitor relies on without reading them.
#include <catch2/catch.hpp>

#include "estimate.hpp"
#include "estimator_support.hpp"
#include "matching.hpp"

using namespace kifu_test;

namespace {
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::int64_t in(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
};

std::vector<kifu::PointProgram> shapes() {
  return {card_100_to_500(),
          one_to_one_capped(),
          one_to_one_to_99999(),
          yen_menu(),
          mile_blocks(),
          min_1000(),
          program(R"("points": 3, "amount": 2, "step": 3, "min": 30)")};  // 3 pt -> ¥2
}

std::int64_t smallest_move(const kifu::PointProgram& p) {
  return p.is_menu() ? p.menu.front().points : p.step;
}
}  // namespace

TEST_CASE("more points never give less") {
  Rng rng{1};
  for (const auto& p : shapes()) {
    for (int i = 0; i < 400; ++i) {
      const std::int64_t b = rng.in(0, 300'000);
      const std::int64_t more = b + rng.in(1, 20'000);
      INFO(p.id << " " << b << " -> " << more);
      CHECK(kifu::estimate_forward(p, more, true).amount >=
            kifu::estimate_forward(p, b, true).amount);
    }
  }
}

TEST_CASE(
    "what is left over is less than one step or the smallest menu price, unless a limit says why") {
  Rng rng{2};
  for (const auto& p : shapes()) {
    for (int i = 0; i < 400; ++i) {
      const auto e = kifu::estimate_forward(p, rng.in(0, 300'000), true);
      INFO(p.id << " balance " << e.balance);
      CHECK(e.points + e.leftover == e.balance);
      if (e.limit == kifu::Limit::none) CHECK(e.leftover < smallest_move(p));
      if (e.limit == kifu::Limit::below_min) CHECK(e.points == 0);
    }
  }
}

TEST_CASE("spending the points the inverse names reaches the target") {
  Rng rng{3};
  for (const auto& p : shapes()) {
    for (int i = 0; i < 300; ++i) {
      const std::int64_t target = rng.in(1, 150'000);
      const auto inv = kifu::estimate_inverse(p, target);
      INFO(p.id << " target " << target);
      if (inv.above) {
        const auto f = kifu::estimate_forward(p, inv.above->points, true);
        CHECK(f.amount == inv.above->amount);
        CHECK(f.amount >= target);
        CHECK(f.leftover == 0);
      }
      if (inv.below) {
        CHECK(inv.below->amount <= target);
        CHECK(kifu::estimate_forward(p, inv.below->points, true).amount == inv.below->amount);
      }
      if (inv.exact) CHECK(inv.above->amount == target);
    }
  }
}

TEST_CASE("a sponsor's match never exceeds its caps") {
  Rng rng{4};
  for (int i = 0; i < 2000; ++i) {
    kifu::Matching m{};
    m.percent = rng.in(1, 1000);
    m.cap_total = rng.in(1, 1'000'000);
    m.cap_per_donor = rng.in(1, m.cap_total);
    const std::int64_t gift = rng.in(0, 10'000'000);
    const std::int64_t matched = kifu::matched_amount(m, gift, {2026, 12, 1}, "points");
    INFO(gift << " at " << m.percent << "%");
    CHECK(matched >= 0);
    CHECK(matched <= m.cap_per_donor);
    CHECK(matched <= m.cap_total);
    CHECK(matched * 100 <= gift * m.percent);
  }
}

TEST_CASE(
    "matching: half of ¥15,000 is ¥7,500, capped at ¥5,000, and nothing outside the dates or "
    "channel") {
  kifu::Matching m{};
  m.percent = 50;
  m.cap_per_donor = 10'000;
  m.cap_total = 1'000'000;
  m.start = kifu::Date{2026, 12, 1};
  m.end = kifu::Date{2026, 12, 31};
  m.channels = {"points"};
  CHECK(kifu::matched_amount(m, 15'000, {2026, 12, 1}, "points") == 7'500);
  CHECK(kifu::matched_amount(m, 30'000, {2026, 12, 31}, "points") == 10'000);  // 15,000 capped
  CHECK(kifu::matched_amount(m, 15'000, {2026, 11, 30}, "points") == 0);       // a day early
  CHECK(kifu::matched_amount(m, 15'000, {2027, 1, 1}, "points") == 0);         // a day late
  CHECK(kifu::matched_amount(m, 15'000, {2026, 12, 10}, "card") == 0);
}
