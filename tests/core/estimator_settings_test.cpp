// Bad point programs, matching, impact units and tax notes in a campaign
// definition: each gets an error naming its field, and nothing crashes.
#include <catch2/catch.hpp>

#include "campaign.hpp"
#include "documents.hpp"
#include "estimator_settings.hpp"

using Catch::Matchers::Contains;
using kifu_test::campaign_doc;

namespace {

// The first error for a definition whose member `key` is `raw`.
kifu::Diagnostic first_error(const std::string& key, const std::string& raw) {
  auto parsed = kifu::parse_campaign(campaign_doc().set(key, raw).text());
  REQUIRE_FALSE(parsed.ok());
  REQUIRE_FALSE(parsed.diagnostics.errors.empty());
  return parsed.diagnostics.errors.front();
}

std::string programs(const std::string& members) {
  return R"([{"id": "p", "name": {"ja": "ポイント", "en": "Points"}, )" + members + "}]";
}

}  // namespace

TEST_CASE("a definition without estimator fields has no programs") {
  auto parsed = kifu::parse_campaign(campaign_doc().text());
  REQUIRE(parsed.ok());
  CHECK(parsed.value->estimator->programs.empty());
  CHECK_FALSE(parsed.value->estimator->matching);
}

TEST_CASE("a rate of zero is refused") {
  auto e = first_error("point_programs", programs(R"("points": 0, "amount": 500)"));
  CHECK(e.pointer == "/point_programs/0/points");
  e = first_error("point_programs", programs(R"("points": 100, "amount": 0)"));
  CHECK(e.pointer == "/point_programs/0/amount");
}

TEST_CASE("negative, fractional and enormous rate terms are refused") {
  CHECK(first_error("point_programs", programs(R"("points": -1, "amount": 1)")).pointer ==
        "/point_programs/0/points");
  CHECK(first_error("point_programs", programs(R"("points": 1.5, "amount": 1)")).pointer ==
        "/point_programs/0/points");
  const auto e = first_error("point_programs", programs(R"("points": 1, "amount": 1000000001)"));
  CHECK(e.pointer == "/point_programs/0/amount");
  CHECK_THAT(e.message, Contains("1,000,000,000"));
}

TEST_CASE("a step that is not a whole number of yen is refused, naming the multiple that works") {
  // 3 pt -> ¥2: a 1-point step is 2/3 of a yen; steps of 3 work.
  const auto e = first_error("point_programs", programs(R"("points": 3, "amount": 2)"));
  CHECK(e.pointer == "/point_programs/0/points");
  CHECK_THAT(e.message, Contains("multiple of 3"));
}

TEST_CASE("a menu with no entries is refused") {
  const auto e = first_error("point_programs", programs(R"("menu": [])"));
  CHECK(e.pointer == "/point_programs/0/menu");
  CHECK_THAT(e.message, Contains("at least one"));
}

TEST_CASE("a menu may not also have a rate") {
  const auto e = first_error("point_programs",
                             programs(R"("menu": [{"points": 500, "amount": 500}], "step": 100)"));
  CHECK(e.pointer == "/point_programs/0/step");
}

TEST_CASE("a menu too finely priced to search instantly is refused") {
  // gcd(1, 201) = 1, and 201 / 1 > 200.
  const auto e = first_error(
      "point_programs",
      programs(R"("menu": [{"points": 1, "amount": 1}, {"points": 201, "amount": 201}])"));
  CHECK(e.pointer == "/point_programs/0/menu");
}

TEST_CASE("overlapping caps are refused") {
  auto e =
      first_error("point_programs", programs(R"("points": 1, "amount": 1, "max_per_donation": 5000,
                                   "max_per_period": {"points": 3000, "period": "month"})"));
  CHECK(e.pointer == "/point_programs/0/max_per_donation");
  e = first_error("point_programs", programs(R"("points": 1, "amount": 1, "min": 1000,
                                              "max_per_period": {"points": 999, "period": "month"})"));
  CHECK(e.pointer == "/point_programs/0/max_per_period/points");
  e = first_error("point_programs",
                  programs(R"("points": 1, "amount": 1, "min": 1000, "max_per_donation": 1500)"));
  CHECK(e.pointer == "/point_programs/0/max_per_donation");  // 1,600 could not be split
  e = first_error("matching", R"({"sponsor": {"ja": "銀行", "en": "Bank"}, "percent": 50,
                                  "cap_per_donor": 20000, "cap_total": 10000})");
  CHECK(e.pointer == "/matching/cap_per_donor");
}

TEST_CASE("dates that do not parse are refused, naming the field") {
  auto e = first_error("point_programs",
                       programs(R"("points": 1, "amount": 1, "valid_from": "2026-02-30")"));
  CHECK(e.pointer == "/point_programs/0/valid_from");
  e = first_error("matching", R"({"sponsor": {"ja": "銀行", "en": "Bank"}, "percent": 50,
                                  "cap_per_donor": 1, "cap_total": 1, "end": "soon"})");
  CHECK(e.pointer == "/matching/end");
}

TEST_CASE("two programs with one id are refused") {
  const auto e =
      first_error("point_programs",
                  R"([{"id": "p", "name": {"ja": "a", "en": "a"}, "points": 1, "amount": 1},
          {"id": "p", "name": {"ja": "b", "en": "b"}, "points": 1, "amount": 1}])");
  CHECK(e.pointer == "/point_programs/1/id");
}

TEST_CASE("an impact label needs its {n}, and a channel must be one Kifu knows") {
  auto e = first_error("impact_units",
                       R"([{"amount": 3000, "label": {"ja": "1週間", "en": "{n} weeks"}}])");
  CHECK(e.pointer == "/impact_units/0/label/ja");
  e = first_error("matching", R"({"sponsor": {"ja": "銀行", "en": "Bank"}, "percent": 50,
                                  "cap_per_donor": 1, "cap_total": 1, "channels": ["crypto"]})");
  CHECK(e.pointer == "/matching/channels/0");
}

TEST_CASE("the tax note is text in both languages") {
  const auto e = first_error("tax_note", R"({"ja": "控除対象外です"})");
  CHECK(e.pointer == "/tax_note/en");
}
