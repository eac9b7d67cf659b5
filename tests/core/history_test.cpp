// The history file: daily amounts per channel, events and scenarios, and
// every way a back office can get it wrong, each named by its JSON pointer.
#include <catch2/catch.hpp>

#include "campaign.hpp"
#include "forecast_documents.hpp"
#include "history.hpp"

using Catch::Matchers::Contains;
using kifu_test::campaign_doc;
using kifu_test::history_json;

namespace {

kifu::Campaign campaign() {
  return *kifu::parse_campaign(campaign_doc().text()).value;
}

kifu::Parsed<kifu::History> parse(const std::string& text) {
  return kifu::parse_history(text, campaign());
}

std::string doc(const std::string& days, const std::string& extra = "") {
  return R"({"schema_version":1,"campaign_id":"animal-center","currency":"JPY","days":)" + days +
         extra + "}";
}

std::string first_error(const kifu::Parsed<kifu::History>& h) {
  return h.diagnostics.errors.empty() ? "" : kifu::to_string(h.diagnostics.errors[0]);
}

}  // namespace

TEST_CASE("days add up across channels, and missing days are zero", "[history]") {
  // Four channels by default; 2026-04-02 is not listed.
  auto h = parse(doc(R"([["2026-04-01", 100, 20, 3, 0], ["2026-04-03", 5, 0, 0, 1]])"));
  REQUIRE(h.ok());
  REQUIRE(h.value->daily.size() == 3);
  CHECK(h.value->daily[0] == 123);
  CHECK(h.value->daily[1] == 0);
  CHECK(h.value->daily[2] == 6);
  CHECK(h.value->through == kifu::Date{2026, 4, 3});
}

TEST_CASE("through extends the history with days nothing came in", "[history]") {
  auto h = parse(doc(R"([["2026-04-01", 100, 0, 0, 0]])", R"(,"through":"2026-04-10")"));
  REQUIRE(h.ok());
  CHECK(h.value->daily.size() == 10);
  CHECK(h.value->daily[9] == 0);
}

TEST_CASE("refunds make negative days", "[history]") {
  auto h = parse(history_json({1000, -300}));
  REQUIRE(h.ok());
  CHECK(h.value->daily[1] == -300);
}

TEST_CASE("an empty history has no days", "[history]") {
  auto h = parse(doc("[]"));
  REQUIRE(h.ok());
  CHECK_FALSE(h.value->has_days());
}

TEST_CASE("days out of order are refused, naming the row", "[history]") {
  auto h = parse(doc(R"([["2026-04-03",1,0,0,0],["2026-04-02",1,0,0,0]])"));
  CHECK_FALSE(h.ok());
  CHECK_THAT(first_error(h), Contains("/days/1/0") && Contains("before the day listed above"));
}

TEST_CASE("a day listed twice is refused", "[history]") {
  auto h = parse(doc(R"([["2026-04-03",1,0,0,0],["2026-04-03",1,0,0,0]])"));
  CHECK_THAT(first_error(h), Contains("/days/1/0") && Contains("a second time"));
}

TEST_CASE("days outside the campaign are refused", "[history]") {
  auto h = parse(doc(R"([["2027-04-01",1,0,0,0]])"));
  CHECK_THAT(first_error(h), Contains("/days/0/0") && Contains("outside the campaign"));
  h = parse(doc(R"([["2026-04-05",1,0,0,0]])", R"(,"through":"2026-04-04")"));
  CHECK_THAT(first_error(h), Contains("after /through"));
}

TEST_CASE("values that are not integers are refused: strings, null, fractions", "[history]") {
  for (const char* bad : {R"("NaN")", "null", "1.5", "1e3", R"("100")"}) {
    auto h = parse(doc(std::string(R"([["2026-04-01",)") + bad + ",0,0,0]]"));
    INFO(bad);
    CHECK_THAT(first_error(h), Contains("/days/0/1") && Contains("must be an integer amount"));
  }
}

TEST_CASE("amounts beyond 10^13 a day are refused", "[history]") {
  auto h = parse(doc(R"([["2026-04-01",10000000000001,0,0,0]])"));
  CHECK_THAT(first_error(h), Contains("/days/0/1") && Contains("10^13"));
  h = parse(doc(R"([["2026-04-01",9223372036854775808,0,0,0]])"));
  CHECK_THAT(first_error(h), Contains("/days/0/1"));
}

TEST_CASE("a row with the wrong number of amounts is refused", "[history]") {
  auto h = parse(doc(R"([["2026-04-01",1,2]])"));
  CHECK_THAT(first_error(h), Contains("/days/0") && Contains("4 amounts"));
}

TEST_CASE("thousands of bad rows give twenty errors and a count", "[history]") {
  std::string rows = "[";
  for (int i = 0; i < 1000; ++i) rows += std::string(i ? "," : "") + R"(["bad",1,0,0,0])";
  auto h = parse(doc(rows + "]"));
  REQUIRE(h.diagnostics.errors.size() == 21);
  CHECK_THAT(kifu::to_string(h.diagnostics.errors.back()), Contains("980 more errors"));
}

TEST_CASE("another campaign's or currency's history is refused", "[history]") {
  auto h = parse(R"({"schema_version":1,"campaign_id":"other","currency":"USD","days":[]})");
  REQUIRE(h.diagnostics.errors.size() == 2);
  CHECK_THAT(kifu::to_string(h.diagnostics.errors[0]), Contains("/campaign_id"));
  CHECK_THAT(kifu::to_string(h.diagnostics.errors[1]), Contains("/currency"));
}

TEST_CASE("events and scenarios are read with their ranges", "[history]") {
  auto h = parse(
      history_json({1}, R"(,"events":[{"label":{"ja":"マッチング週間","en":"matching week"},)"
                        R"("from":"2026-12-01","to":"2026-12-07","percent":200}],)"
                        R"("scenarios":[{"label":{"ja":"会員1%","en":"1% of members"},)"
                        R"("from":"2026-12-01","to":"2026-12-31","people":300000,"each":2500}])"));
  REQUIRE(h.ok());
  REQUIRE(h.value->events.size() == 1);
  CHECK(h.value->events[0].percent == 200);
  REQUIRE(h.value->scenarios.size() == 1);
  CHECK(h.value->scenarios[0].amount == 750'000'000);  // 300,000 x 2,500
}

TEST_CASE("an event ending before it starts, or ten-fold and more, is refused", "[history]") {
  auto h = parse(history_json({1}, R"(,"events":[{"label":{"ja":"a","en":"a"},)"
                                   R"("from":"2026-12-07","to":"2026-12-01","percent":2000}])"));
  REQUIRE(h.diagnostics.errors.size() == 2);
  CHECK_THAT(kifu::to_string(h.diagnostics.errors[0]), Contains("/events/0/to"));
  CHECK_THAT(kifu::to_string(h.diagnostics.errors[1]), Contains("/events/0/percent"));
}
