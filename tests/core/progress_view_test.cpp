// Everything the progress widget shows, computed in one call from the two
// documents — the same call the browser and `kifu render progress` make.
// Amount wording follows format.hpp: ja counts in 万/億, en in K/M/B, one
// decimal at most; e.g. 917,400,000 = 9.174億 -> "9.2億円", = 917.4M -> "¥917.4M".
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "documents.hpp"
#include "progress_view.hpp"

using Catch::Matchers::Contains;
using kifu::ProgressRequest;
using kifu::ProgressView;
using kifu::render_progress;
using kifu_test::campaign_doc;
using kifu_test::feed_doc;
using kifu_test::read_data;

namespace {

// 2026-11-27T10:03:00+09:00, three minutes after the sample feed's as_of:
// 1795741200 + 180 = 1795741380 seconds.
constexpr double three_minutes_later_ms = 1795741380000.0;

ProgressView sample(const std::string& lang, const std::string& variant = "bar",
                    double now_ms = three_minutes_later_ms, bool stale = false) {
  return render_progress(
      {read_data("campaign.json"), read_data("feed.json"), lang, variant, now_ms, stale});
}

ProgressView with_raised(const std::string& raised, const std::string& lang) {
  return render_progress({campaign_doc().text(),
                          feed_doc().remove("by_channel").set("raised", raised).text(), lang, "bar",
                          three_minutes_later_ms, false});
}

}  // namespace

TEST_CASE("the sample campaign in Japanese") {
  const ProgressView v = sample("ja");
  REQUIRE(v.errors.empty());
  REQUIRE(v.ok);
  CHECK(v.lang == "ja");
  CHECK(v.title == "動物愛護センター建設基金");
  CHECK(v.raised == "182,600,000円");
  CHECK(v.raised_compact == "1.8億円");  // 1.826億
  CHECK(v.goal == "1,100,000,000円");
  CHECK(v.goal_compact == "11億円");
  CHECK(v.goal_label == "目標 11億円");
  CHECK(v.percent == "16.6%");
  CHECK(v.aria_valuenow == "16.6");
  CHECK(v.aria_valuetext == "目標11億円のうち1.8億円（16.6%）");
  CHECK(v.remaining == "目標まであと9.2億円");
  CHECK(v.donors == "12,345人・15,210件の寄付");
  CHECK(v.days == "残り125日");  // 4 + 31 + 31 + 28 + 31
  // ¥300M "用地" is next: 300,000,000 - 182,600,000 = 117,400,000 = 1.174億
  CHECK(v.next_milestone == "次の節目「用地」3億円まであと1.2億円");
  CHECK(v.updated == "更新: 3分前");
  CHECK(v.stale_note.empty());
  CHECK(v.sample_note == "サンプルデータです（実際の寄付額ではありません）");
  CHECK(v.announcement == "寄付総額 1.8億円（16.6%）");
  CHECK_FALSE(v.goal_reached);
  CHECK_THAT(v.svg, Contains("class=\"kifu-bar\""));
}

TEST_CASE("the sample campaign in English") {
  const ProgressView v = sample("en");
  REQUIRE(v.ok);
  CHECK(v.title == "Animal Protection Center Fund");
  CHECK(v.raised == "¥182,600,000");
  CHECK(v.raised_compact == "¥182.6M");
  CHECK(v.goal == "¥1,100,000,000");
  CHECK(v.goal_compact == "¥1.1B");
  CHECK(v.goal_label == "Goal ¥1.1B");
  CHECK(v.aria_valuetext == "¥182.6M of ¥1.1B (16.6%)");
  CHECK(v.remaining == "¥917.4M to go");
  CHECK(v.donors == "12,345 donors · 15,210 donations");
  CHECK(v.days == "125 days left");
  CHECK(v.next_milestone == "Next milestone: Land at ¥300M, ¥117.4M to go");
  CHECK(v.updated == "Updated 3 minutes ago");
  CHECK(v.sample_note == "Sample data, not real donations");
  CHECK(v.announcement == "Raised ¥182.6M (16.6%)");
}

TEST_CASE("a stale feed says so, with the age of what is shown") {
  CHECK(sample("ja", "bar", three_minutes_later_ms, true).stale_note ==
        "更新が止まっています（3分前のデータを表示中）");
  CHECK(sample("en", "bar", three_minutes_later_ms, true).stale_note ==
        "Not updating: showing data from 3 minutes ago");
}

TEST_CASE("the ring variant draws a ring") {
  const ProgressView v = sample("en", "ring");
  REQUIRE(v.ok);
  CHECK_THAT(v.svg, Contains("class=\"kifu-ring\""));
  CHECK_THAT(v.svg, Contains(">16.6%</text>"));
}

TEST_CASE("the thermometer variant draws a thermometer") {
  const ProgressView v = sample("ja", "thermometer");
  REQUIRE(v.ok);
  CHECK_THAT(v.svg, Contains("class=\"kifu-thermometer\""));
}

TEST_CASE("the donor count stands alone for the counter, in both languages") {
  CHECK(sample("ja").donor_count == "12,345");  // the sample feed's 12345 donors
  CHECK(sample("en").donor_count == "12,345");
}

TEST_CASE("past the goal the percent is real, the progress bar value stops at 100") {
  // 1,235,300,000 / 1,100,000,000 = 1.123
  const ProgressView v = with_raised("1235300000", "en");
  REQUIRE(v.ok);
  CHECK(v.percent == "112.3%");
  CHECK(v.aria_valuenow == "100");
  CHECK(v.remaining == "Goal reached");
  CHECK(v.next_milestone.empty());
  CHECK(v.goal_reached);
  CHECK(with_raised("1235300000", "ja").remaining == "目標を達成しました");
}

TEST_CASE("one yen short of the goal shows 99.9%, not 100%") {
  const ProgressView v = with_raised("1099999999", "en");
  REQUIRE(v.ok);
  CHECK(v.percent == "99.9%");
  CHECK(v.aria_valuenow == "99.9");
  CHECK_FALSE(v.goal_reached);
}

TEST_CASE("a raised total of 2^53 + 1 yen is shown to the last yen") {
  CHECK(with_raised("9007199254740993", "ja").raised == "9,007,199,254,740,993円");
  CHECK(with_raised("9007199254740993", "en").raised == "¥9,007,199,254,740,993");
}

TEST_CASE("the days line follows the phase of the campaign") {
  // 2026-03-31T12:00+09:00 = 2026-03-31T03:00Z: day 20543 * 86400 + 3 * 3600 = 1774926000
  CHECK(sample("en", "bar", 1774926000000.0).days == "Starts in 1 day");
  CHECK(sample("ja", "bar", 1774926000000.0).days == "開始まであと1日");
  // 2027-03-31T12:00+09:00 = day 20908 * 86400 + 3 * 3600 = 1806462000
  CHECK(sample("en", "bar", 1806462000000.0).days == "Last day today");
  CHECK(sample("ja", "bar", 1806462000000.0).days == "本日最終日");
  // 2027-04-01T00:00+09:00 = 2027-03-31T15:00Z = 20908 * 86400 + 15 * 3600 = 1806505200
  CHECK(sample("en", "bar", 1806505200000.0).days == "Campaign ended");
  CHECK(sample("ja", "bar", 1806505200000.0).days == "受付終了");
  // One millisecond earlier it is still the last day in Tokyo.
  CHECK(sample("en", "bar", 1806505199999.0).days == "Last day today");
}

TEST_CASE("a hostile title is handed back as plain text and kept out of the SVG") {
  const ProgressView v = render_progress(
      {campaign_doc()
           .set("title", R"({"ja": "<img src=x onerror=alert(1)>", "en": "</text><script>"})")
           .text(),
       feed_doc().text(), "en", "ring", three_minutes_later_ms, false});
  REQUIRE(v.ok);
  CHECK(v.title == "</text><script>");  // callers insert it as text, never as markup
  CHECK(v.svg.find("<script") == std::string::npos);
  CHECK(v.svg.find("</text><script>") == std::string::npos);
}

TEST_CASE("an unknown language is refused as a bad request") {
  const ProgressView v = sample("fr");
  CHECK_FALSE(v.ok);
  CHECK(v.error_source == "request");
  REQUIRE(v.errors.size() == 1);
  CHECK(to_string(v.errors[0]) == "/lang: must be \"ja\" or \"en\"");
  CHECK(v.svg.empty());
}

TEST_CASE("an unknown variant is refused as a bad request") {
  const ProgressView v = sample("ja", "pie");
  CHECK_FALSE(v.ok);
  CHECK(v.error_source == "request");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].pointer == "/variant");
}

TEST_CASE("a time that is not a finite number is refused") {
  for (double bad :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(), 1e300}) {
    const ProgressView v = sample("ja", "bar", bad);
    CHECK_FALSE(v.ok);
    CHECK(v.error_source == "request");
    REQUIRE(v.errors.size() == 1);
    CHECK(v.errors[0].pointer == "/now_unix_ms");
  }
}

TEST_CASE("an invalid campaign is reported as the campaign's fault, every error named") {
  const ProgressView v =
      render_progress({campaign_doc().set("goal", "0").set("currency", R"("XYZ")").text(),
                       feed_doc().text(), "ja", "bar", three_minutes_later_ms, false});
  CHECK_FALSE(v.ok);
  CHECK(v.error_source == "campaign");
  REQUIRE(v.errors.size() == 2);
  CHECK(v.errors[0].pointer == "/currency");
  CHECK(v.errors[1].pointer == "/goal");
}

TEST_CASE("a feed for another campaign is reported as the feed's fault") {
  const ProgressView v =
      render_progress({campaign_doc().text(), feed_doc().set("campaign_id", R"("cat-cafe")").text(),
                       "en", "bar", three_minutes_later_ms, false});
  CHECK_FALSE(v.ok);
  CHECK(v.error_source == "feed");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].pointer == "/campaign_id");
  CHECK(v.raised.empty());
}

TEST_CASE("validating a definition returns its errors and warnings together") {
  const auto v = kifu::validate_campaign(campaign_doc().set("goal", "-1").set("extra", "1").text());
  CHECK_FALSE(v.ok);
  CHECK(v.kind == "campaign");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].pointer == "/goal");
  REQUIRE(v.warnings.size() == 1);
  CHECK(v.warnings[0].pointer == "/extra");
}

TEST_CASE("validating a feed against a broken definition blames the definition") {
  const auto v = kifu::validate_feed(feed_doc().text(), campaign_doc().set("goal", "0").text());
  CHECK_FALSE(v.ok);
  CHECK(v.kind == "feed");
  REQUIRE(v.errors.size() == 1);
  CHECK(v.errors[0].pointer == "/goal");
  CHECK(v.errors[0].message.rfind(
            "the campaign definition the feed is checked against is invalid: ", 0) == 0);
}

TEST_CASE("a feed is validated on its own when no definition is given") {
  CHECK(kifu::validate_feed(feed_doc().set("campaign_id", R"("cat-cafe")").text(), "").ok);
  CHECK_FALSE(kifu::validate_feed(feed_doc().set("campaign_id", R"("cat-cafe")").text(),
                                  campaign_doc().text())
                  .ok);
}
