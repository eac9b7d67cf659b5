// The forecast on histories whose answer is known by arithmetic, and on the
// inputs that must not produce a date, a hang or a crash.
//
// The constant campaign: ¥1,000,000 every day from 2026-04-01 to 2026-07-09
// (100 days), a feed of ¥100,000,000 as of 2026-07-10. The goal of
// ¥1,100,000,000 needs ¥1,000,000,000 more: 1,000 days from 2026-07-11, so
// the last of them is 2026-07-11 + 999 days = 2029-04-05 (`date -d`). By the
// end, 2027-03-31, 264 more days (2026-07-11 .. 2027-03-31) give
// 100,000,000 + 264,000,000 = 364,000,000.
#include <catch2/catch.hpp>

#include <vector>

#include "campaign.hpp"
#include "feed.hpp"
#include "forecast.hpp"
#include "forecast_documents.hpp"
#include "forecast_view.hpp"
#include "history.hpp"

using Catch::Matchers::Contains;
using kifu::ForecastStatus;
using kifu_test::campaign_doc;
using kifu_test::feed_json;
using kifu_test::history_json;

namespace {

const std::vector<std::int64_t> constant(100, 1'000'000);
const std::string constant_feed = feed_json(100'000'000, "2026-07-10T10:00:00+09:00");

kifu::Forecast run(const std::string& history, const std::string& feed = constant_feed,
                   std::size_t paths = 200, const std::string& campaign = campaign_doc().text()) {
  auto c = kifu::parse_campaign(campaign);
  auto f = kifu::parse_feed(feed, *c.value);
  auto h = kifu::parse_history(history, *c.value);
  REQUIRE(h.ok());
  kifu::ForecastRun r(*c.value, *f.value, *h.value, {7, paths});
  while (!r.finished()) r.advance(1000);
  return r.result();
}

std::int64_t day(int y, int m, int d) {
  return kifu::days_from_civil({y, m, d});
}

kifu::ForecastRequest request(const std::string& history, double paths = 200,
                              const std::string& lang = "en") {
  // now: 2026-07-10T10:00:00+09:00 = 1783645200 s (`date -d ... +%s`)
  return {campaign_doc().text(), constant_feed, history, lang, 42, paths, 1783645200000.0};
}

}  // namespace

TEST_CASE("a constant daily rate gives the arithmetic completion date", "[forecast]") {
  const auto f = run(history_json(constant));
  REQUIRE(f.status == ForecastStatus::ok);
  const auto& base = f.variants[0];
  CHECK(base.done_p10 == day(2029, 4, 5));
  CHECK(base.done_p50 == day(2029, 4, 5));
  CHECK(base.done_p90 == day(2029, 4, 5));
  CHECK(base.reached_by_end == 0);
  CHECK(base.end_mean == 364'000'000);
  CHECK(base.end_p10 == 364'000'000);
  CHECK(base.end_p90 == 364'000'000);
}

TEST_CASE("a constant daily rate gives the same date at every run-rate window", "[forecast]") {
  const auto f = run(history_json(constant));
  REQUIRE(f.run_rates.size() == 3);
  for (const auto& r : f.run_rates) {
    INFO(r.window_days);
    CHECK(r.enough_data);
    CHECK(r.per_window == r.window_days * 1'000'000);
    CHECK(r.reach_day == day(2029, 4, 5));
  }
}

TEST_CASE("the fan of a constant rate is a line that ends at the end's total", "[forecast]") {
  const auto f = run(history_json(constant));
  REQUIRE(!f.fan.empty());
  CHECK(f.fan.back().day == day(2027, 3, 31));
  CHECK(f.fan.back().p10 == 364'000'000);
  CHECK(f.fan.back().p90 == 364'000'000);
}

TEST_CASE("an empty history says not enough data rather than a date", "[forecast]") {
  const auto f = run(history_json({}));
  CHECK(f.status == ForecastStatus::not_enough_data);
  CHECK(f.paths_total == 0);
  for (const auto& r : f.run_rates) CHECK_FALSE(r.reach_day.has_value());
  const auto v = kifu::render_forecast(request(history_json({})));
  REQUIRE(v.ok);
  CHECK(v.status == "not_enough_data");
  CHECK_THAT(v.headline, Contains("Not enough data"));
  CHECK(v.chance.empty());
}

TEST_CASE("thirteen days are not enough for the simulation, fourteen are", "[forecast]") {
  CHECK(run(history_json(std::vector<std::int64_t>(13, 5))).status ==
        ForecastStatus::not_enough_data);
  CHECK(run(history_json(std::vector<std::int64_t>(14, 5))).status == ForecastStatus::ok);
}

TEST_CASE("a goal already reached says so", "[forecast]") {
  const auto f = run(history_json(constant), feed_json(1'100'000'000, "2026-07-10T10:00:00+09:00"));
  CHECK(f.status == ForecastStatus::goal_reached);
  CHECK(f.variants[0].chance_by_end_permille == 1000);
}

TEST_CASE("a history of nothing but zeros never reaches the goal", "[forecast]") {
  const auto f = run(history_json(std::vector<std::int64_t>(60, 0)));
  REQUIRE(f.status == ForecastStatus::ok);
  CHECK_FALSE(f.variants[0].done_p50.has_value());
  CHECK(f.variants[0].reached_by_end == 0);
  for (const auto& r : f.run_rates) CHECK_FALSE(r.reach_day.has_value());
}

TEST_CASE("a matching week doubles that week's giving, beside the base forecast", "[forecast]") {
  // 2026-07-11..17 at 200%: 7,000,000 more, so the goal comes 7 days sooner
  // (2029-04-05 - 7 = 2029-03-29) and the end's total is 371,000,000.
  const auto f = run(history_json(constant, R"(,"events":[{"label":{"ja":"マッチング","en":"the )"
                                            R"(matching week"},"from":"2026-07-11","to":)"
                                            R"("2026-07-17","percent":200}])"));
  REQUIRE(f.variants.size() == 2);
  CHECK(f.variants[0].done_p50 == day(2029, 4, 5));
  CHECK(f.variants[1].done_p50 == day(2029, 3, 29));
  CHECK(f.variants[1].end_p50 == 371'000'000);
}

TEST_CASE("a scenario adds its amount over its days, beside the base forecast", "[forecast]") {
  // 300,000 people x 2,500 = 750,000,000 over December. On 2026-12-31 (day
  // 173 from 2026-07-11) the base has 100M + 174M and the scenario 750M:
  // 1,024M; 76 more days of 1M reach 1,100M on day 249 = 2027-03-17.
  const auto f = run(history_json(
      constant, R"(,"scenarios":[{"label":{"ja":"会員の1%","en":"1% of members"},"from":)"
                R"("2026-12-01","to":"2026-12-31","people":300000,"each":2500}])"));
  REQUIRE(f.variants.size() == 2);
  CHECK(f.variants[1].done_p50 == day(2027, 3, 17));
  CHECK(f.variants[1].chance_by_end_permille == 1000);
  CHECK(f.variants[1].end_p50 == 364'000'000 + 750'000'000);
}

TEST_CASE("the same seed gives the same forecast in one go or in chunks", "[forecast]") {
  std::vector<std::int64_t> days;
  for (int i = 0; i < 120; ++i) days.push_back((i * 7919) % 3000 * 1000 - 200'000);
  kifu::ForecastSession whole(request(history_json(days), 1000));
  whole.advance(1000);
  kifu::ForecastSession chunked(request(history_json(days), 1000));
  while (!chunked.finished()) chunked.advance(37);
  CHECK(whole.view().svg == chunked.view().svg);
  CHECK(whole.view().details == chunked.view().details);
}

TEST_CASE("path counts are clamped to 100..20,000", "[forecast]") {
  kifu::ForecastSession none(request(history_json(constant), 0));
  CHECK(none.view().paths_total == 100);
  kifu::ForecastSession huge(request(history_json(constant), 1e9));
  CHECK(huge.view().paths_total == 20'000);
  auto fraction = kifu::render_forecast(request(history_json(constant), 1.5));
  CHECK_FALSE(fraction.ok);
  CHECK(fraction.errors[0].pointer == "/paths");
}

TEST_CASE("a campaign of centuries simulates at most a century ahead", "[forecast]") {
  const auto campaign = campaign_doc().set("end", R"("9999-12-31")").text();
  const auto f = run(history_json(std::vector<std::int64_t>(30, 1)), constant_feed, 100, campaign);
  REQUIRE(f.status == ForecastStatus::ok);
  CHECK(f.horizon_day - f.start_day + 1 == 36'525);
  CHECK(f.fan.size() == 60);
}

TEST_CASE("a history running into the feed's own day is refused", "[forecast]") {
  // 101 days from 2026-04-01 end on 2026-07-10, the feed's date.
  const auto v = kifu::render_forecast(request(history_json(std::vector<std::int64_t>(101, 1))));
  REQUIRE_FALSE(v.ok);
  CHECK(v.error_source == "history");
  CHECK(v.errors[0].pointer == "/through");
}

TEST_CASE("seeds must be whole numbers JavaScript holds exactly", "[forecast]") {
  auto req = request(history_json(constant));
  req.seed = 9007199254740992.0;  // 2^53
  CHECK(kifu::render_forecast(req).errors[0].pointer == "/seed");
  req.seed = -1;
  CHECK(kifu::render_forecast(req).errors[0].pointer == "/seed");
}
