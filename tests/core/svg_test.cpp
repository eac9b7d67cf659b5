// The progress graphics as SVG text: whole units from permille, milestone
// ticks with their labels in <title>, and every text from a document escaped.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "campaign.hpp"
#include "documents.hpp"
#include "feed.hpp"
#include "progress.hpp"
#include "svg.hpp"

using Catch::Matchers::Contains;
using kifu::Lang;
using kifu::xml_escape;
using kifu_test::campaign_doc;
using kifu_test::feed_doc;

namespace {

struct Drawn {
  kifu::Campaign campaign;
  kifu::Progress progress;
};

Drawn drawn(kifu_test::Doc campaign, std::int64_t raised) {
  auto c = kifu::parse_campaign(campaign.text());
  REQUIRE(c.ok());
  auto f = kifu::parse_feed(
      feed_doc().remove("by_channel").set("raised", std::to_string(raised)).text(), *c.value);
  REQUIRE(f.ok());
  // 2026-11-27T10:00:00+09:00
  return {*c.value, kifu::compute_progress(*c.value, *f.value, 1795741200)};
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

const std::string hostile_labels = R"([
  {"amount": 100000000, "label": {"ja": "<img src=x onerror=alert(1)>", "en": "</text><script>alert(1)</script>"}},
  {"amount": 200000000, "label": {"ja": "\"quoted\" & 'single'", "en": "]]><!--"}}])";

}  // namespace

TEST_CASE("xml_escape escapes the five XML specials") {
  CHECK(xml_escape(R"(<a href="x">'&'</a>)") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("xml_escape keeps Japanese text, tabs and line breaks as they are") {
  CHECK(xml_escape("動物愛護\tセンター\n") == "動物愛護\tセンター\n");
}

TEST_CASE("xml_escape replaces control characters XML cannot hold with U+FFFD") {
  CHECK(xml_escape(std::string("a\x01"
                               "b\x7f"
                               "c",
                               5)) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD"
        "c");
  CHECK(xml_escape(std::string("\0", 1)) == "\xEF\xBF\xBD");
}

TEST_CASE("the bar fills as many of its 1000 units as the permille") {
  const auto d = drawn(campaign_doc(), 182'600'000);  // 166 permille
  const std::string svg = kifu::progress_bar_svg(d.campaign, d.progress, Lang::en);
  CHECK_THAT(svg, Contains(R"(viewBox="0 0 1000 24")"));
  CHECK_THAT(svg, Contains(R"(class="kifu-fill" x="0" y="4" width="166")"));
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.size() >= 6);
  CHECK(svg.substr(svg.size() - 6) == "</svg>");
}

TEST_CASE("the bar is full, not overflowing, past the goal") {
  const auto d = drawn(campaign_doc(), 1'235'300'000);  // 112.3%
  const std::string svg = kifu::progress_bar_svg(d.campaign, d.progress, Lang::ja);
  CHECK_THAT(svg, Contains(R"(class="kifu-fill" x="0" y="4" width="1000")"));
}

TEST_CASE("each milestone below the goal is a tick at its share of the bar") {
  const auto d = drawn(campaign_doc(), 182'600'000);
  const std::string svg = kifu::progress_bar_svg(d.campaign, d.progress, Lang::en);
  // The ¥1.1B milestone is the goal, the bar's end: three ticks, not four.
  CHECK(count(svg, "<line ") == 3);
  // floor(100M*1000/1.1B) = floor(90.9) = 90; 300M -> 272.7 -> 272; 700M -> 636.4 -> 636
  CHECK_THAT(svg, Contains(R"(x1="90" x2="90")"));
  CHECK_THAT(svg, Contains(R"(x1="272" x2="272")"));
  CHECK_THAT(svg, Contains(R"(x1="636" x2="636")"));
}

TEST_CASE("reached milestones are marked; the others are not") {
  const auto d = drawn(campaign_doc(), 300'000'000);
  const std::string svg = kifu::progress_bar_svg(d.campaign, d.progress, Lang::en);
  CHECK(count(svg, R"(class="kifu-milestone kifu-reached")") == 2);  // ¥100M and ¥300M
  CHECK(count(svg, R"(class="kifu-milestone")") == 1);               // ¥700M
}

TEST_CASE("milestone ticks carry their label and amount as a title") {
  const auto d = drawn(campaign_doc(), 182'600'000);
  CHECK_THAT(kifu::progress_bar_svg(d.campaign, d.progress, Lang::en),
             Contains("<title>Design ¥100M</title>"));
  CHECK_THAT(kifu::progress_bar_svg(d.campaign, d.progress, Lang::ja),
             Contains("<title>設計 1億円</title>"));
}

TEST_CASE("a hostile milestone label is escaped in the bar, in both languages") {
  const auto d = drawn(campaign_doc().set("milestones", hostile_labels), 182'600'000);
  const std::string ja = kifu::progress_bar_svg(d.campaign, d.progress, Lang::ja);
  const std::string en = kifu::progress_bar_svg(d.campaign, d.progress, Lang::en);
  CHECK_THAT(ja, Contains("<title>&lt;img src=x onerror=alert(1)&gt; 1億円</title>"));
  CHECK_THAT(ja, Contains("<title>&quot;quoted&quot; &amp; &#39;single&#39; 2億円</title>"));
  CHECK_THAT(en,
             Contains("<title>&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; ¥100M</title>"));
  CHECK_THAT(en, Contains("<title>]]&gt;&lt;!-- ¥200M</title>"));
  for (const std::string& svg : {ja, en}) {
    CHECK(svg.find("<img") == std::string::npos);
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("</text>") == std::string::npos);
    CHECK(svg.find("<!--") == std::string::npos);
    // Every element the bar draws, and nothing a label smuggled in.
    CHECK(count(svg, "<") == count(svg, "<svg") + count(svg, "</svg") + count(svg, "<rect") +
                                 count(svg, "<line") + count(svg, "</line") + count(svg, "<title") +
                                 count(svg, "</title"));
  }
}

TEST_CASE("a hostile campaign title never reaches the SVG") {
  const auto d =
      drawn(campaign_doc().set(
                "title", R"({"ja": "<img src=x onerror=alert(1)>", "en": "</text><script>"})"),
            182'600'000);
  for (Lang lang : {Lang::ja, Lang::en}) {
    const std::string bar = kifu::progress_bar_svg(d.campaign, d.progress, lang);
    const std::string ring = kifu::progress_ring_svg(d.campaign, d.progress, lang);
    for (const std::string& svg : {bar, ring}) {
      CHECK(svg.find("<img") == std::string::npos);
      CHECK(svg.find("<script") == std::string::npos);
    }
  }
}

TEST_CASE("the ring's arc is the permille of a 1000-unit circle, with the percent inside") {
  const auto d = drawn(campaign_doc(), 182'600'000);
  const std::string svg = kifu::progress_ring_svg(d.campaign, d.progress, Lang::ja);
  CHECK_THAT(svg, Contains(R"(pathLength="1000" stroke-dasharray="166 1000")"));
  CHECK_THAT(svg, Contains(">16.6%</text>"));
}

TEST_CASE("past the goal the ring is closed and its label shows the real figure") {
  const auto d = drawn(campaign_doc(), 1'235'300'000);
  const std::string svg = kifu::progress_ring_svg(d.campaign, d.progress, Lang::en);
  CHECK_THAT(svg, Contains(R"(stroke-dasharray="1000 1000")"));
  CHECK_THAT(svg, Contains(">112.3%</text>"));
}

TEST_CASE("the bar is drawn the same in both languages apart from its titles") {
  const auto d = drawn(campaign_doc().set("milestones", "[]"), 182'600'000);
  CHECK(kifu::progress_bar_svg(d.campaign, d.progress, Lang::ja) ==
        kifu::progress_bar_svg(d.campaign, d.progress, Lang::en));
}

TEST_CASE("the thermometer's column rises as many of its 1000 units as the permille") {
  const auto d = drawn(campaign_doc(), 182'600'000);  // 166 permille
  const std::string svg = kifu::progress_thermometer_svg(d.campaign, d.progress, Lang::ja);
  CHECK_THAT(svg, Contains(R"(viewBox="0 0 100 1240")"));
  // The tube's 0% line is y=1040 and 100% is y=40: 1040-166 = 874; the
  // column runs on into the bulb, 80 units further (166+80 = 246).
  CHECK_THAT(svg, Contains(R"(class="kifu-fill" x="38" y="874" width="24" height="246")"));
}

TEST_CASE("past the goal the thermometer is full to the top of its tube, not beyond") {
  const auto d = drawn(campaign_doc(), 1'235'300'000);
  const std::string svg = kifu::progress_thermometer_svg(d.campaign, d.progress, Lang::en);
  CHECK_THAT(svg, Contains(R"(y="40" width="24" height="1080")"));
}

TEST_CASE("the thermometer ticks each milestone below the goal, up from the 0% line") {
  const auto d = drawn(campaign_doc(), 300'000'000);
  const std::string svg = kifu::progress_thermometer_svg(d.campaign, d.progress, Lang::en);
  CHECK(count(svg, "<line ") == 3);
  // 1040 - floor(100M*1000/1.1B) = 1040-90 = 950; 300M: 1040-272 = 768; 700M: 1040-636 = 404
  CHECK_THAT(svg, Contains(R"(kifu-reached" x1="74" x2="96" y1="950" y2="950")"));
  CHECK_THAT(svg, Contains(R"(kifu-reached" x1="74" x2="96" y1="768" y2="768")"));
  CHECK_THAT(svg, Contains(R"(class="kifu-milestone" x1="74" x2="96" y1="404" y2="404")"));
  CHECK_THAT(svg, Contains("<title>Design ¥100M</title>"));
}

TEST_CASE("a hostile milestone label is escaped in the thermometer") {
  const auto d = drawn(campaign_doc().set("milestones", hostile_labels), 182'600'000);
  const std::string svg = kifu::progress_thermometer_svg(d.campaign, d.progress, Lang::en);
  CHECK_THAT(svg,
             Contains("<title>&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; ¥100M</title>"));
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("<!--") == std::string::npos);
}
