// The campaign definition: what an editor writes, and what Kifu says about
// every mistake in it — the field as a JSON pointer and the reason, all at once.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "campaign.hpp"
#include "documents.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using kifu::Date;
using kifu::parse_campaign;
using kifu_test::campaign_doc;
using kifu_test::read_data;

namespace {

// The pointers of every error, in order.
std::vector<std::string> error_pointers(const kifu::Parsed<kifu::Campaign>& p) {
  std::vector<std::string> out;
  for (const auto& e : p.diagnostics.errors) out.push_back(e.pointer);
  return out;
}

// The one error a document is expected to have.
kifu::Diagnostic only_error(const std::string& text) {
  auto p = parse_campaign(text);
  CHECK_FALSE(p.ok());
  REQUIRE(p.diagnostics.errors.size() == 1);
  return p.diagnostics.errors[0];
}

const std::string jpy_rule = "must be a positive integer amount in JPY (no minor units)";

}  // namespace

TEST_CASE("the sample campaign definition is valid") {
  auto p = parse_campaign(read_data("campaign.json"));
  REQUIRE(p.diagnostics.errors.empty());
  CHECK(p.diagnostics.warnings.empty());
  REQUIRE(p.ok());
  const auto& c = *p.value;
  CHECK(c.id == "animal-center");
  CHECK(c.title.ja == "動物愛護センター建設基金");
  CHECK(c.title.en == "Animal Protection Center Fund");
  CHECK(c.currency.code == "JPY");
  CHECK(c.goal == 1'100'000'000);
  CHECK(c.start == Date{2026, 4, 1});
  CHECK(c.end == Date{2027, 3, 31});
  CHECK(c.time_zone.name == "Asia/Tokyo");
  REQUIRE(c.milestones.size() == 4);
  CHECK(c.milestones[1].amount == 300'000'000);
  CHECK(c.milestones[1].label.en == "Land");
  CHECK(c.feed_url == "feed.json");
  CHECK(c.poll_seconds == 30);
  CHECK(c.sample_data);
}

TEST_CASE("a goal of 2^63 - 1 yen, the largest amount, is accepted exactly") {
  auto p = parse_campaign(campaign_doc().set("goal", "9223372036854775807").text());
  REQUIRE(p.ok());
  CHECK(p.value->goal == INT64_MAX);
}

TEST_CASE("a goal of 2^53 + 1 yen survives exactly, not rounded as a double would") {
  auto p = parse_campaign(campaign_doc().set("goal", "9007199254740993").text());
  REQUIRE(p.ok());
  CHECK(p.value->goal == 9'007'199'254'740'993);
}

TEST_CASE("a goal of 2^63 yen is refused as beyond the largest amount") {
  auto e = only_error(campaign_doc().set("goal", "9223372036854775808").text());
  CHECK(e.pointer == "/goal");
  CHECK_THAT(e.message, StartsWith(jpy_rule));
  CHECK_THAT(e.message, Contains("beyond the largest amount"));
  CHECK_THAT(e.message, Contains("9223372036854775807"));
}

TEST_CASE("a goal of 10^20 yen, beyond 64 bits, is refused as beyond the largest amount") {
  auto e = only_error(campaign_doc().set("goal", "100000000000000000000").text());
  CHECK(e.pointer == "/goal");
  CHECK_THAT(e.message, StartsWith(jpy_rule));
  CHECK_THAT(e.message, Contains("beyond the largest amount"));
}

TEST_CASE("a goal of 100.5 yen is refused: yen have no minor units") {
  auto e = only_error(campaign_doc().set("goal", "100.5").text());
  CHECK(e.pointer == "/goal");
  CHECK_THAT(e.message, StartsWith(jpy_rule));
  CHECK_THAT(e.message, Contains("fraction"));
}

TEST_CASE("a goal written in exponent notation is refused") {
  auto e = only_error(campaign_doc().set("goal", "1.1e9").text());
  CHECK(e.pointer == "/goal");
  CHECK_THAT(e.message, StartsWith(jpy_rule));
}

TEST_CASE("a goal of zero is refused") {
  auto e = only_error(campaign_doc().set("goal", "0").text());
  CHECK(to_string(e) == "/goal: " + jpy_rule + ", got 0");
}

TEST_CASE("a negative goal is refused") {
  auto e = only_error(campaign_doc().set("goal", "-1000").text());
  CHECK(e.pointer == "/goal");
  CHECK_THAT(e.message, StartsWith(jpy_rule));
  CHECK_THAT(e.message, Contains("negative"));
}

TEST_CASE("a goal written as a string is refused, even when it holds digits") {
  auto e = only_error(campaign_doc().set("goal", R"("200")").text());
  CHECK(to_string(e) == "/goal: " + jpy_rule + ", got a string");
}

TEST_CASE("a goal of the wrong type is refused with what was found") {
  CHECK(only_error(campaign_doc().set("goal", "true").text()).message == jpy_rule + ", got true");
  CHECK(only_error(campaign_doc().set("goal", "null").text()).message == jpy_rule + ", got null");
  CHECK(only_error(campaign_doc().set("goal", "[1]").text()).message ==
        jpy_rule + ", got an array");
}

TEST_CASE("a dollar goal is explained in cents") {
  auto e = only_error(
      campaign_doc().set("currency", R"("USD")").set("goal", "0").set("milestones", "[]").text());
  CHECK(to_string(e) ==
        "/goal: must be a positive integer amount in minor units of USD (100 = 1 USD), got 0");
}

TEST_CASE("an unknown currency is refused by name") {
  auto p = parse_campaign(campaign_doc().set("currency", R"("XYZ")").text());
  CHECK_FALSE(p.ok());
  REQUIRE_FALSE(p.diagnostics.errors.empty());
  CHECK(to_string(p.diagnostics.errors[0]) ==
        "/currency: \"XYZ\" is not an ISO 4217 currency Kifu knows");
  // Amounts are still checked, but without a currency to explain them in.
  CHECK(error_pointers(p) == std::vector<std::string>{"/currency"});
}

TEST_CASE("an end date before the start date is refused") {
  auto e = only_error(
      campaign_doc().set("start", R"("2027-04-01")").set("end", R"("2027-03-31")").text());
  CHECK(to_string(e) == "/end: is before /start (2027-03-31 < 2027-04-01)");
}

TEST_CASE("a one-day campaign, ending on the day it starts, is valid") {
  auto p = parse_campaign(
      campaign_doc().set("start", R"("2027-03-31")").set("end", R"("2027-03-31")").text());
  CHECK(p.ok());
}

TEST_CASE("an impossible date is refused and quoted") {
  auto e = only_error(campaign_doc().set("end", R"("2027-02-29")").text());
  CHECK(e.pointer == "/end");
  CHECK_THAT(e.message, StartsWith("must be a date written YYYY-MM-DD"));
  CHECK_THAT(e.message, Contains("\"2027-02-29\""));
}

TEST_CASE("every missing required field is named") {
  auto doc = campaign_doc();
  for (const char* key : {"id", "title", "currency", "goal", "start", "end", "feed"}) {
    doc.remove(key);
  }
  auto p = parse_campaign(doc.text());
  CHECK_FALSE(p.ok());
  CHECK(error_pointers(p) ==
        std::vector<std::string>{"/id", "/title", "/currency", "/goal", "/start", "/end", "/feed"});
  for (const auto& e : p.diagnostics.errors) CHECK(e.message == "is required but missing");
}

TEST_CASE("a missing field inside an object is named by its full pointer") {
  auto e = only_error(campaign_doc().set("title", R"({"ja": "基金"})").text());
  CHECK(to_string(e) == "/title/en: is required but missing");
  auto f = only_error(campaign_doc().set("feed", R"({"poll_seconds": 30})").text());
  CHECK(to_string(f) == "/feed/url: is required but missing");
}

TEST_CASE("all errors are reported at once, not only the first") {
  auto p = parse_campaign(campaign_doc()
                              .set("goal", "0")
                              .set("start", R"("2027-04-01")")
                              .set("end", R"("2027-03-31")")
                              .set("time_zone", R"("Europe/London")")
                              .text());
  CHECK_FALSE(p.ok());
  CHECK(error_pointers(p) == std::vector<std::string>{"/goal", "/end", "/time_zone"});
}

TEST_CASE("an unknown field is a warning and the definition stays valid") {
  auto p = parse_campaign(campaign_doc().set("colour", R"("red")").text());
  REQUIRE(p.ok());
  REQUIRE(p.diagnostics.warnings.size() == 1);
  CHECK(to_string(p.diagnostics.warnings[0]) ==
        "/colour: is not a field Kifu knows; it is ignored");
}

TEST_CASE("an unknown field inside an object is warned about by its full pointer") {
  auto p =
      parse_campaign(campaign_doc().set("feed", R"({"url": "feed.json", "refresh": 10})").text());
  REQUIRE(p.ok());
  REQUIRE(p.diagnostics.warnings.size() == 1);
  CHECK(p.diagnostics.warnings[0].pointer == "/feed/refresh");
}

TEST_CASE("schema version 2 gets exactly one error, whatever else is wrong") {
  auto p = parse_campaign(campaign_doc().set("schema_version", "2").set("goal", "0").text());
  CHECK_FALSE(p.ok());
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK(to_string(p.diagnostics.errors[0]) ==
        "/schema_version: campaign format version 2 is not supported; this Kifu reads version 1");
  CHECK(p.diagnostics.warnings.empty());
}

TEST_CASE("a missing schema version is its own error") {
  auto e = only_error(campaign_doc().remove("schema_version").text());
  CHECK(e.pointer == "/schema_version");
  CHECK_THAT(e.message, StartsWith("is required"));
}

TEST_CASE("a schema version written as a string is not supported") {
  auto e = only_error(campaign_doc().set("schema_version", R"("1")").text());
  CHECK(e.pointer == "/schema_version");
  CHECK_THAT(e.message, Contains("a string is not supported"));
}

TEST_CASE("a duplicate key is refused rather than silently keeping one value") {
  auto e = only_error(campaign_doc().add("goal", "1").text());
  CHECK(to_string(e) == "/goal: duplicate key; a JSON reader would keep only one of the values");
}

TEST_CASE("a duplicate key deep inside is named by its full pointer") {
  auto e = only_error(campaign_doc()
                          .set("milestones",
                               R"([{"amount": 1, "label": {"ja": "a", "en": "b"}},
                   {"amount": 2, "label": {"ja": "a", "ja": "c", "en": "b"}}])")
                          .text());
  CHECK(e.pointer == "/milestones/1/label/ja");
  CHECK_THAT(e.message, StartsWith("duplicate key"));
}

TEST_CASE("a control character in a title is refused") {
  auto e = only_error(campaign_doc().set("title", R"({"ja": "基金\u0007", "en": "Fund"})").text());
  CHECK(to_string(e) == "/title/ja: contains a control character (code 7), which cannot be shown");
}

TEST_CASE("a line break in a title is refused but allowed in a summary") {
  auto e = only_error(campaign_doc().set("title", R"({"ja": "基金", "en": "Fund\nX"})").text());
  CHECK(to_string(e) == "/title/en: contains a control character (code 10), which cannot be shown");
  auto p = parse_campaign(
      campaign_doc().set("summary", R"({"ja": "一行目\n二行目", "en": "a\nb"})").text());
  CHECK(p.ok());
}

TEST_CASE("a hostile title is kept as plain text; escaping is the renderer's job") {
  auto p = parse_campaign(
      campaign_doc()
          .set("title", R"({"ja": "<img src=x onerror=alert(1)>", "en": "</text><script>"})")
          .text());
  REQUIRE(p.ok());
  CHECK(p.value->title.ja == "<img src=x onerror=alert(1)>");
  CHECK(p.value->title.en == "</text><script>");
}

TEST_CASE("an empty or overlong title is refused") {
  CHECK(to_string(only_error(campaign_doc().set("title", R"({"ja": "", "en": "x"})").text())) ==
        "/title/ja: must not be empty");
  const std::string long_title(301, 'a');
  auto e = only_error(
      campaign_doc().set("title", R"({"ja": "x", "en": ")" + long_title + R"("})").text());
  CHECK(to_string(e) == "/title/en: is 301 bytes long; the limit is 300");
}

TEST_CASE("a campaign id that is unsafe in a URL is refused") {
  auto e = only_error(campaign_doc().set("id", R"("../Animal Center")").text());
  CHECK(e.pointer == "/id");
  CHECK_THAT(e.message, StartsWith("must be 1 to 64 characters of a-z, 0-9 and '-'"));
}

TEST_CASE("milestones must grow from smallest to largest") {
  auto e = only_error(campaign_doc()
                          .set("milestones",
                               R"([{"amount": 300, "label": {"ja": "a", "en": "a"}},
                                   {"amount": 300, "label": {"ja": "b", "en": "b"}}])")
                          .text());
  CHECK(e.pointer == "/milestones/1/amount");
  CHECK_THAT(e.message, StartsWith("must be larger than the milestone before it"));
}

TEST_CASE("a fractional milestone amount is refused by its index") {
  auto e =
      only_error(campaign_doc()
                     .set("milestones", R"([{"amount": 0.5, "label": {"ja": "a", "en": "a"}}])")
                     .text());
  CHECK(e.pointer == "/milestones/0/amount");
  CHECK_THAT(e.message, StartsWith(jpy_rule));
}

TEST_CASE("a time zone with daylight saving time is refused with the ones Kifu knows") {
  auto e = only_error(campaign_doc().set("time_zone", R"("Europe/London")").text());
  CHECK(e.pointer == "/time_zone");
  CHECK_THAT(e.message, Contains("Asia/Tokyo"));
}

TEST_CASE("a poll interval below the minimum is raised to five seconds with a warning") {
  auto p = parse_campaign(
      campaign_doc().set("feed", R"({"url": "feed.json", "poll_seconds": 1})").text());
  REQUIRE(p.ok());
  CHECK(p.value->poll_seconds == 5);
  REQUIRE(p.diagnostics.warnings.size() == 1);
  CHECK(p.diagnostics.warnings[0].pointer == "/feed/poll_seconds");
}

TEST_CASE("a document that is not an object is refused") {
  auto e = only_error("[1, 2, 3]");
  CHECK(to_string(e) == "(document): must be an object, got an array");
}

TEST_CASE("malformed JSON is refused with where it went wrong") {
  auto e = only_error(R"({"schema_version": 1, "id": )");
  CHECK(e.pointer.empty());
  CHECK_THAT(e.message, StartsWith("is not valid JSON: "));
  CHECK_THAT(e.message, Contains("line 1"));
  CHECK(only_error("").message.rfind("is not valid JSON", 0) == 0);
  CHECK(only_error(R"({"a": 1,})").message.rfind("is not valid JSON", 0) == 0);
}

// Messages quote at most 40 bytes of what the editor wrote; cutting inside a
// multi-byte character would leave invalid UTF-8 in every log and report.
TEST_CASE("a quoted bad date is cut at a character boundary, leaving valid UTF-8") {
  // 二〇二六年四月一日から始ま is 13 characters of 3 bytes = 39 bytes; the 40th
  // byte is the first of る's three, so the cut falls before る and "…" marks it.
  auto e = only_error(campaign_doc()
                          .set("start", R"("二〇二六年四月一日から始まる予定のキャンペーンです")")
                          .text());
  CHECK(e.pointer == "/start");
  CHECK_THAT(e.message, Contains("got \"二〇二六年四月一日から始ま…\""));
}
