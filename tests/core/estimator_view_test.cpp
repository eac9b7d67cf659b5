// The estimator's one call: typed text in, every sentence out. Amounts in
// the comments are worked by hand; wording follows format.hpp.
#include <catch2/catch.hpp>

#include "documents.hpp"
#include "estimator_view.hpp"

using kifu::EstimateView;
using kifu::render_estimate;
using kifu_test::campaign_doc;
using kifu_test::feed_doc;

namespace {

// 2026-11-27T10:03:00+09:00 (1795741200 + 180 seconds).
constexpr double now_ms = 1795741380000.0;

std::string campaign() {
  return campaign_doc()
      .set("point_programs", R"([
        {"id": "card-points", "name": {"ja": "カードポイント", "en": "Card points"},
         "points": 100, "amount": 500, "step": 100, "point_value": {"points": 1, "amount": 5}},
        {"id": "shopping", "name": {"ja": "ショッピング", "en": "Shopping"}, "points": 1, "amount": 1,
         "min": 50, "max_per_donation": 30000, "max_per_period": {"points": 100000, "period": "month"}},
        {"id": "old", "name": {"ja": "旧ポイント", "en": "Old points"}, "points": 1, "amount": 1,
         "valid_until": "2026-10-31"}])")
      .set("matching", R"({"sponsor": {"ja": "みなと信金", "en": "Minato Bank"}, "percent": 50,
                           "cap_per_donor": 10000, "cap_total": 50000000, "channels": ["points"]})")
      .set("impact_units", R"([{"amount": 3000, "label": {"ja": "猫1匹の{n}週間分のお世話",
                               "en": "{n} weeks of care for a cat"}, "label_en_one": "{n} week of care for a cat"}])")
      .set("tax_note", R"({"ja": "寄付金控除の対象外です", "en": "No tax deduction"})")
      .text();
}

EstimateView estimate(const std::string& inputs, const std::string& lang, bool with_feed = true) {
  return render_estimate({campaign(), with_feed ? feed_doc().text() : "", inputs, lang, now_ms});
}

}  // namespace

TEST_CASE("3,000 card points in Japanese: the gift, the match, the impact and the campaign") {
  const EstimateView v = estimate(R"({"balances": {"card-points": "３，０００"}})", "ja");
  REQUIRE(v.ok);
  REQUIRE(v.programs.size() == 3);
  const auto& card = v.programs[0];
  CHECK(card.name == "カードポイント");
  CHECK(card.rule == "100ポイント → 500円・100ポイント単位");
  CHECK(card.input_error.empty());
  CHECK(card.result == "3,000ポイント → 15,000円");  // 30 steps of ¥500
  CHECK(card.detail.empty());
  CHECK(card.limit == "none");
  CHECK(card.value_note == "この3,000ポイントは、ほかに使うと15,000円分の価値です");  // 3,000 * ¥5
  CHECK(v.total == "寄付額の合計 15,000円");
  CHECK(v.matched == "みなと信金が7,500円を上乗せします（50%、上限10,000円）");
  // (15,000 + 7,500) / 3,000 = 7.5 weeks.
  CHECK(v.impact == "あなたの寄付 ≈ 猫1匹の7.5週間分のお世話");
  // 22,500 / 1,100,000,000 = 0.00204…%; the next milestone ¥300M is
  // 300,000,000 - 182,600,000 - 22,500 = 117,377,500 away, 1.17億 -> 1.2億.
  CHECK(v.effect == "目標の0.0020%を進めます。そのあと次の節目「用地」まであと1.2億円");
  CHECK(v.tax_note == "寄付金控除の対象外です");
  CHECK(v.announcement ==
        "寄付額の合計 15,000円、みなと信金が7,500円を上乗せします（50%、上限10,000円）");
}

TEST_CASE("the same in English") {
  const EstimateView v = estimate(R"({"balances": {"card-points": "3000pt"}})", "en");
  REQUIRE(v.ok);
  CHECK(v.programs[0].result == "3,000 points → ¥15,000");
  CHECK(v.programs[0].rule == "100 points → ¥500; in steps of 100 points");
  CHECK(v.total == "Your gift: ¥15,000");
  CHECK(v.matched == "Minato Bank adds ¥7,500 (50%, up to ¥10,000)");
  CHECK(v.impact == "Your gift ≈ 7.5 weeks of care for a cat");
  CHECK(v.effect == "Moves the bar 0.0020% of the goal; then ¥117.4M to the next milestone, Land");
}

TEST_CASE("a balance that cannot be used says why, and left-over points are named") {
  const EstimateView v =
      estimate(R"({"balances": {"card-points": "3050", "shopping": "49", "old": "100"}})", "en");
  REQUIRE(v.ok);
  CHECK(v.programs[0].detail == "50 points stay in your account (steps of 100 points)");
  CHECK(v.programs[1].limit == "below_min");
  CHECK(v.programs[1].detail == "Donations start at 50 points");
  CHECK(v.programs[2].limit == "not_open");
  CHECK(v.programs[2].detail == "This program does not take donations today (until Oct 31, 2026)");
  CHECK(v.total == "Your gift: ¥15,000");
}

TEST_CASE("a typing mistake is shown next to its field and nothing else changes") {
  const EstimateView v = estimate(R"({"balances": {"card-points": "3,00"}})", "ja");
  REQUIRE(v.ok);
  CHECK(v.programs[0].input_error == "桁区切りのカンマの位置が正しくありません（例: 3,000）");
  CHECK(v.programs[0].result.empty());
  CHECK(v.total.empty());
  CHECK(v.tax_note.empty());
}

TEST_CASE("a target: what each program needs and the cheapest mix of the balances") {
  // Shopping points cost ¥1 of value each, card points ¥5: ¥15,050 is best
  // made from 50 shopping points (¥50) and 3,000 card points (¥15,000).
  const EstimateView v =
      estimate(R"({"balances": {"card-points": "5000", "shopping": "50"}, "target": "15,050円"})",
               "en", false);
  REQUIRE(v.ok);
  CHECK(v.target_error.empty());
  CHECK(
      v.programs[0].needed ==
      "Cannot give exactly ¥15,050. Below: 3,000 points → ¥15,000. Above: 3,100 points → ¥15,500");
  CHECK(v.programs[1].needed == "¥15,050 needs 15,050 points");
  CHECK(v.mix ==
        "Cheapest way to give ¥15,050: Card points 3,000 points + Shopping 50 points = ¥15,050");
  CHECK(v.effect.empty());  // no feed, no campaign effect
}

TEST_CASE("a target the balances cannot reach exactly shows both neighbours") {
  const EstimateView v =
      estimate(R"({"balances": {"card-points": "5000"}, "target": "1.52万"})", "ja");
  REQUIRE(v.ok);
  CHECK(v.mix ==
        "ちょうど15,200円にはできません。少なめ: カードポイント 3,000ポイント = 15,000円。多め: "
        "カードポイント 3,100ポイント = 15,500円");
}

TEST_CASE("empty fields are simply not given") {
  const EstimateView v = estimate(R"({"balances": {"card-points": ""}, "target": ""})", "en");
  REQUIRE(v.ok);
  CHECK_FALSE(v.programs[0].has_balance);
  CHECK(v.programs[0].input_error.empty());
  CHECK(v.target_error.empty());
  CHECK(v.total.empty());
}

TEST_CASE("a program missing from the definition is an input error naming it") {
  const EstimateView v = estimate(R"({"balances": {"nope": "1"}})", "en");
  CHECK_FALSE(v.ok);
  CHECK(v.error_source == "inputs");
  REQUIRE_FALSE(v.errors.empty());
  CHECK(v.errors[0].pointer == "/balances/nope");
}

TEST_CASE("a bad language, time or inputs document is refused, not crashed on") {
  CHECK(render_estimate({campaign(), "", "{}", "fr", now_ms}).errors[0].pointer == "/lang");
  CHECK(render_estimate({campaign(), "", "{}", "ja", 1e300}).errors[0].pointer == "/now_unix_ms");
  CHECK(render_estimate({campaign(), "", "[", "ja", now_ms}).error_source == "inputs");
  CHECK(render_estimate({campaign(), "", R"({"balances": 3})", "ja", now_ms}).error_source ==
        "inputs");
  CHECK(render_estimate({"{}", "", "{}", "ja", now_ms}).error_source == "campaign");
}
