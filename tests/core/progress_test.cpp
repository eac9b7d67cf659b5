// Progress at a moment: percent (truncated, and past 100% the real figure with
// a full bar), remaining, milestones, days left in the campaign's own days.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "campaign.hpp"
#include "dates.hpp"
#include "documents.hpp"
#include "feed.hpp"
#include "format.hpp"
#include "progress.hpp"

using kifu::compute_progress;
using kifu::Phase;
using kifu::Progress;
using kifu_test::campaign_doc;
using kifu_test::feed_doc;

namespace {

// The reference campaign (¥1,100,000,000 goal, 2026-04-01..2027-03-31 JST,
// milestones ¥100M/¥300M/¥700M/¥1.1B) with `raised` yen at time `now`.
Progress progress_at(std::int64_t raised, const std::string& now = "2026-11-27T10:00:00+09:00") {
  auto c = kifu::parse_campaign(campaign_doc().text());
  REQUIRE(c.ok());
  auto f = kifu::parse_feed(
      feed_doc().remove("by_channel").set("raised", std::to_string(raised)).text(), *c.value);
  REQUIRE(f.ok());
  auto t = kifu::parse_timestamp(now);
  REQUIRE(t);
  return compute_progress(*c.value, *f.value, *t);
}

Progress progress_now(const std::string& now) {
  return progress_at(182'600'000, now);
}

}  // namespace

TEST_CASE("the reference campaign stands at 16.6% with ¥917,400,000 to go") {
  const Progress p = progress_at(182'600'000);
  // 182,600,000 / 1,100,000,000 = 0.166 exactly
  CHECK(p.permille == 166);
  CHECK(p.bar_permille == 166);
  CHECK(kifu::format_percent(p.permille) == "16.6%");
  CHECK(p.raised == 182'600'000);
  CHECK(p.goal == 1'100'000'000);
  CHECK(p.remaining == 917'400'000);  // 1,100,000,000 - 182,600,000
  CHECK_FALSE(p.goal_reached);
  CHECK(p.donors == 12'345);
  CHECK(p.donations == 15'210);
}

TEST_CASE("one yen short of the goal reads 99.9%, never 100%") {
  const Progress p = progress_at(1'099'999'999);
  // 1,099,999,999,000 / 1,100,000,000 = 999.999999 -> 999
  CHECK(p.permille == 999);
  CHECK(p.bar_permille == 999);
  CHECK(kifu::format_percent(p.permille) == "99.9%");
  CHECK(p.remaining == 1);
  CHECK_FALSE(p.goal_reached);
}

TEST_CASE("exactly the goal is 100% and the goal is reached") {
  const Progress p = progress_at(1'100'000'000);
  CHECK(p.permille == 1000);
  CHECK(p.bar_permille == 1000);
  CHECK(p.remaining == 0);
  CHECK(p.goal_reached);
}

TEST_CASE("past the goal the number shows the real figure and the bar is full") {
  // 1,100,000,000 * 1.123 = 1,235,300,000
  const Progress p = progress_at(1'235'300'000);
  CHECK(p.permille == 1123);
  CHECK(kifu::format_percent(p.permille) == "112.3%");
  CHECK(p.bar_permille == 1000);
  CHECK(p.remaining == 0);
  CHECK(p.goal_reached);
}

TEST_CASE("nothing raised yet is 0% with the whole goal to go") {
  const Progress p = progress_at(0);
  CHECK(p.permille == 0);
  CHECK(p.bar_permille == 0);
  CHECK(p.remaining == 1'100'000'000);
  CHECK(p.milestones_reached == 0);
  REQUIRE(p.next_milestone);
  CHECK(*p.next_milestone == 0);
  CHECK(p.to_next_milestone == 100'000'000);
}

TEST_CASE("an absurd total far past the goal still reads as past it, with a full bar") {
  // 2^63 - 1 yen on a 1 yen goal: the permille does not fit in 64 bits
  auto c = kifu::parse_campaign(campaign_doc().set("goal", "1").set("milestones", "[]").text());
  REQUIRE(c.ok());
  auto f = kifu::parse_feed(
      feed_doc().remove("by_channel").set("raised", "9223372036854775807").text(), *c.value);
  REQUIRE(f.ok());
  const Progress p = compute_progress(*c.value, *f.value, 1795741200);
  CHECK(p.permille == INT64_MAX);
  CHECK(p.bar_permille == 1000);
  CHECK(p.goal_reached);
  CHECK(p.remaining == 0);
}

TEST_CASE("milestones at or below the total are reached; the next is the first above it") {
  const Progress p = progress_at(182'600'000);
  CHECK(p.milestones_reached == 1);  // ¥100M
  REQUIRE(p.next_milestone);
  CHECK(*p.next_milestone == 1);              // ¥300M
  CHECK(p.to_next_milestone == 117'400'000);  // 300,000,000 - 182,600,000
}

TEST_CASE("a milestone is reached on the exact yen") {
  const Progress at = progress_at(300'000'000);
  CHECK(at.milestones_reached == 2);
  CHECK(*at.next_milestone == 2);
  CHECK(at.to_next_milestone == 400'000'000);
  const Progress before = progress_at(299'999'999);
  CHECK(before.milestones_reached == 1);
  CHECK(before.to_next_milestone == 1);
}

TEST_CASE("at the goal every milestone is reached and there is no next one") {
  const Progress p = progress_at(1'100'000'000);
  CHECK(p.milestones_reached == 4);
  CHECK_FALSE(p.next_milestone);
  CHECK(p.to_next_milestone == 0);
}

TEST_CASE("days left count today and the last day") {
  // 2026-11-27..30 (4) + Dec 31 + Jan 31 + Feb 28 + Mar 31 = 125
  const Progress p = progress_now("2026-11-27T10:00:00+09:00");
  CHECK(p.phase == Phase::running);
  CHECK(p.days == 125);
}

TEST_CASE("on the first day the whole campaign is left") {
  // 2026-04-01 is day 20544, 2027-03-31 is day 20908: 20908 - 20544 + 1 = 365
  const Progress p = progress_now("2026-04-01T00:00:00+09:00");
  CHECK(p.phase == Phase::running);
  CHECK(p.days == 365);
}

TEST_CASE("before the start the days count down to it") {
  // 2026-03-01 -> 2026-04-01 is 31 days
  const Progress p = progress_now("2026-03-01T12:00:00+09:00");
  CHECK(p.phase == Phase::before_start);
  CHECK(p.days == 31);
  const Progress eve = progress_now("2026-03-31T23:59:59+09:00");
  CHECK(eve.phase == Phase::before_start);
  CHECK(eve.days == 1);
}

TEST_CASE("the day before the last has two days left") {
  const Progress p = progress_now("2027-03-30T12:00:00+09:00");
  CHECK(p.phase == Phase::running);
  CHECK(p.days == 2);
}

TEST_CASE("the end date is the last day, until midnight in Tokyo") {
  const Progress morning = progress_now("2027-03-31T00:00:00+09:00");
  CHECK(morning.phase == Phase::last_day);
  CHECK(morning.days == 1);
  // 23:59:59 JST is 14:59:59 UTC: still the last day in Tokyo
  const Progress late = progress_now("2027-03-31T14:59:59Z");
  CHECK(late.phase == Phase::last_day);
}

TEST_CASE("the campaign has ended from midnight in Tokyo after the end date") {
  // 2027-03-31T15:00:00Z is 2027-04-01 00:00 JST, though still March 31 in UTC
  const Progress p = progress_now("2027-03-31T15:00:00Z");
  CHECK(p.phase == Phase::ended);
  CHECK(p.days == 0);
  CHECK(progress_now("2030-01-01T00:00:00Z").phase == Phase::ended);
}

TEST_CASE("the start is midnight in Tokyo, not in UTC") {
  // 2026-03-31T15:00:00Z is 2026-04-01 00:00 JST
  CHECK(progress_now("2026-03-31T15:00:00Z").phase == Phase::running);
  CHECK(progress_now("2026-03-31T14:59:59Z").phase == Phase::before_start);
}
