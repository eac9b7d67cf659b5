// The social card: a 1200×630 SVG with the campaign's title, total, goal and
// bar, built from the same view as the widget.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "documents.hpp"
#include "share_card.hpp"

using Catch::Matchers::Contains;
using kifu::render_share_card;
using kifu::wrap_title;
using kifu_test::campaign_doc;
using kifu_test::feed_doc;
using kifu_test::read_data;

namespace {

// 2026-11-27T10:03:00+09:00 (three minutes after the sample feed's as_of).
constexpr double now_ms = 1795741380000.0;

kifu::ShareCard sample(const std::string& lang) {
  return render_share_card(
      {read_data("campaign.json"), read_data("feed.json"), lang, "bar", now_ms, false});
}

}  // namespace

TEST_CASE("the share card is 1200 by 630 and shows the title, total and goal") {
  auto card = sample("en");
  REQUIRE(card.ok);
  CHECK_THAT(card.svg, Contains(R"(width="1200" height="630")"));
  CHECK_THAT(card.svg, Contains(">Animal Protection Center Fund</text>"));
  CHECK_THAT(card.svg, Contains(">¥182,600,000</text>"));
  CHECK_THAT(card.svg, Contains(">16.6% · Goal ¥1.1B</text>"));
  auto ja = sample("ja");
  REQUIRE(ja.ok);
  CHECK_THAT(ja.svg, Contains(">182,600,000円</text>"));
  CHECK_THAT(ja.svg, Contains("目標 11億円"));
}

TEST_CASE("the share card's bar is filled in proportion to the goal") {
  // 182,600,000 / 1,100,000,000 = 166 permille; 1040 * 166 / 1000 = 172.64 -> 172.
  CHECK_THAT(sample("en").svg, Contains(R"(<rect x="80" y="500" width="172" height="40")"));
  // Past the goal the bar stops at the full 1040.
  auto over = render_share_card({campaign_doc().text(),
                                 feed_doc().remove("by_channel").set("raised", "2000000000").text(),
                                 "en", "bar", now_ms, false});
  REQUIRE(over.ok);
  CHECK_THAT(over.svg,
             Contains(R"(<rect x="80" y="500" width="1040" height="40" rx="20" fill="#c2410c")"));
}

TEST_CASE("the share card escapes the title and says when numbers are samples") {
  auto card =
      render_share_card({campaign_doc().set("title", R"({"ja": "A<b>&", "en": "A<b>&"})").text(),
                         feed_doc().text(), "en", "bar", now_ms, false});
  REQUIRE(card.ok);
  CHECK_THAT(card.svg, Contains(">A&lt;b&gt;&amp;</text>"));
  CHECK_THAT(sample("en").svg, Contains("Sample data"));
}

TEST_CASE("the share card refuses bad documents with the field that is wrong") {
  auto card = render_share_card(
      {campaign_doc().set("goal", "-1").text(), feed_doc().text(), "en", "bar", now_ms, false});
  CHECK_FALSE(card.ok);
  CHECK(card.error_source == "campaign");
  REQUIRE_FALSE(card.errors.empty());
  CHECK(card.errors[0].pointer == "/goal");
}

TEST_CASE("titles wrap at spaces, or between any two Japanese characters") {
  CHECK(wrap_title("Animal Protection Center Fund", 20, 2) ==
        std::vector<std::string>{"Animal Protection", "Center Fund"});
  // Ten CJK characters are 20 units: 動物愛護センター (8 chars, 16 units) fits
  // in 16; the rest goes to the next line.
  CHECK(wrap_title("動物愛護センター建設基金", 16, 2) ==
        std::vector<std::string>{"動物愛護センター", "建設基金"});
  CHECK(wrap_title("short", 20, 2) == std::vector<std::string>{"short"});
}

TEST_CASE("a title longer than the lines allow ends with an ellipsis") {
  CHECK(wrap_title("one two three four five", 8, 2) ==
        std::vector<std::string>{"one two", "three…"});
}
