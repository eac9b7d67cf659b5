// The totals feed: what the back office publishes, and why Kifu refuses a
// feed that would show a wrong number.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "campaign.hpp"
#include "documents.hpp"
#include "feed.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using kifu::parse_feed;
using kifu_test::campaign_doc;
using kifu_test::feed_doc;
using kifu_test::read_data;

namespace {

kifu::Campaign the_campaign() {
  auto p = kifu::parse_campaign(campaign_doc().text());
  REQUIRE(p.ok());
  return *p.value;
}

std::vector<std::string> error_texts(const kifu::Parsed<kifu::Feed>& p) {
  std::vector<std::string> out;
  for (const auto& e : p.diagnostics.errors) out.push_back(to_string(e));
  return out;
}

kifu::Diagnostic only_error(const std::string& text) {
  auto p = parse_feed(text, the_campaign());
  CHECK_FALSE(p.ok());
  REQUIRE(p.diagnostics.errors.size() == 1);
  return p.diagnostics.errors[0];
}

const std::string jpy_rule_zero =
    "must be an integer amount of zero or more in JPY (no minor units)";

}  // namespace

TEST_CASE("the sample feed is valid for the sample campaign") {
  auto campaign = kifu::parse_campaign(read_data("campaign.json"));
  REQUIRE(campaign.ok());
  auto p = parse_feed(read_data("feed.json"), *campaign.value);
  REQUIRE(p.diagnostics.errors.empty());
  CHECK(p.diagnostics.warnings.empty());
  REQUIRE(p.ok());
  const auto& f = *p.value;
  CHECK(f.campaign_id == "animal-center");
  CHECK(f.currency.code == "JPY");
  CHECK(f.raised == 182'600'000);
  CHECK(f.donors == 12'345);
  CHECK(f.donations == 15'210);
  REQUIRE(f.by_channel);
  CHECK((*f.by_channel)[static_cast<std::size_t>(kifu::Channel::points)] == 120'000'000);
  CHECK((*f.by_channel)[static_cast<std::size_t>(kifu::Channel::offline)] == 2'600'000);
  CHECK(f.as_of == 1795741200);  // 2026-11-27T01:00:00Z, date -u -d ... +%s
}

TEST_CASE("a feed is valid on its own, without its campaign") {
  auto p = parse_feed(feed_doc().text());
  CHECK(p.ok());
}

TEST_CASE("a feed for another campaign is refused") {
  auto e = only_error(feed_doc().set("campaign_id", R"("cat-cafe")").text());
  CHECK(to_string(e) ==
        "/campaign_id: this feed is for campaign \"cat-cafe\", not \"animal-center\"");
}

TEST_CASE("a feed in another currency than its campaign is refused") {
  auto e = only_error(feed_doc().set("currency", R"("USD")").text());
  CHECK(to_string(e) == "/currency: this feed counts USD but the campaign is in JPY");
}

TEST_CASE("a feed in an unknown currency is refused") {
  auto p = parse_feed(feed_doc().set("currency", R"("XYZ")").text());
  CHECK_FALSE(p.ok());
  CHECK(error_texts(p) ==
        std::vector<std::string>{"/currency: \"XYZ\" is not an ISO 4217 currency Kifu knows"});
}

TEST_CASE("a raised total of 2^53 + 1 yen survives exactly") {
  // 9007199254740993 is the first integer a double cannot hold; by_channel is
  // dropped so that the total need not add up.
  auto p = parse_feed(feed_doc().remove("by_channel").set("raised", "9007199254740993").text(),
                      the_campaign());
  REQUIRE(p.ok());
  CHECK(p.value->raised == 9'007'199'254'740'993);
}

TEST_CASE("a raised total of 2^63 - 1 yen is accepted, 2^63 is beyond") {
  auto ok = parse_feed(feed_doc().remove("by_channel").set("raised", "9223372036854775807").text());
  REQUIRE(ok.ok());
  CHECK(ok.value->raised == INT64_MAX);
  auto e = only_error(feed_doc().remove("by_channel").set("raised", "9223372036854775808").text());
  CHECK(e.pointer == "/raised");
  CHECK_THAT(e.message, StartsWith(jpy_rule_zero));
  CHECK_THAT(e.message, Contains("beyond the largest amount"));
}

TEST_CASE("a raised total beyond 64 bits is refused as beyond, not wrapped") {
  for (const char* big : {"100000000000000000000", "18446744073709551616", "1e300"}) {
    auto e = only_error(feed_doc().remove("by_channel").set("raised", big).text());
    CHECK(e.pointer == "/raised");
    CHECK_THAT(e.message, Contains("beyond the largest amount"));
  }
}

TEST_CASE("a raised total of zero is fine: the campaign has just opened") {
  auto p = parse_feed(feed_doc()
                          .remove("by_channel")
                          .set("raised", "0")
                          .set("donors", "0")
                          .set("donations", "0")
                          .text());
  REQUIRE(p.ok());
  CHECK(p.value->raised == 0);
}

TEST_CASE("a negative raised total is refused") {
  auto e = only_error(feed_doc().remove("by_channel").set("raised", "-1").text());
  CHECK(to_string(e) == "/raised: " + jpy_rule_zero + ", got a negative number");
}

TEST_CASE("a raised total of 100.5 yen is refused") {
  auto e = only_error(feed_doc().remove("by_channel").set("raised", "100.5").text());
  CHECK(to_string(e) == "/raised: " + jpy_rule_zero + ", got a number with a fraction or exponent");
}

TEST_CASE("a raised total written as the string \"200\" is refused") {
  auto e = only_error(feed_doc().remove("by_channel").set("raised", R"("200")").text());
  CHECK(to_string(e) == "/raised: " + jpy_rule_zero + ", got a string");
}

TEST_CASE("a donor count written as a string is refused") {
  auto e = only_error(feed_doc().set("donors", R"("12345")").text());
  CHECK(e.pointer == "/donors");
  CHECK_THAT(e.message, StartsWith("must be a whole number from 0 to"));
  CHECK_THAT(e.message, Contains("got a string"));
}

TEST_CASE("fewer donations than donors is refused") {
  auto e = only_error(feed_doc().set("donors", "10").set("donations", "9").text());
  CHECK(to_string(e) ==
        "/donations: is 9, fewer than /donors (10); every donor gave at least once");
}

TEST_CASE("channels that do not add up to the raised total are refused") {
  // 120,000,000 + 40,000,000 + 20,000,000 + 2,600,000 = 182,600,000, not 182,600,001
  auto e = only_error(feed_doc().set("raised", "182600001").text());
  CHECK(to_string(e) == "/by_channel: channels add up to 182600000 but /raised is 182600001");
}

TEST_CASE("channels whose sum overflows 64 bits are refused, not wrapped") {
  // 2^63 - 1 + 1 + 0 + 0 wraps to -2^63 in plain arithmetic
  auto e = only_error(feed_doc()
                          .set("raised", "9223372036854775807")
                          .set("by_channel", R"({"points": 9223372036854775807, "card": 1})")
                          .text());
  CHECK(e.pointer == "/by_channel");
  CHECK_THAT(e.message, Contains("more than 64 bits hold"));
}

TEST_CASE("a channel may be left out when it has no donations") {
  auto p = parse_feed(feed_doc()
                          .set("raised", "160000000")
                          .set("by_channel", R"({"points": 120000000, "card": 40000000})")
                          .text(),
                      the_campaign());
  REQUIRE(p.ok());
  CHECK((*p.value->by_channel)[static_cast<std::size_t>(kifu::Channel::transfer)] == 0);
}

TEST_CASE("an unknown channel is an error, because its money would vanish") {
  auto e = only_error(feed_doc()
                          .set("by_channel", R"({"points": 120000000, "card": 40000000,
                              "transfer": 20000000, "offline": 2600000, "crypto": 0})")
                          .text());
  CHECK(e.pointer == "/by_channel/crypto");
}

TEST_CASE("a negative channel amount is refused by its pointer") {
  auto p = parse_feed(feed_doc().set("by_channel", R"({"points": 182600001, "card": -1})").text(),
                      the_campaign());
  CHECK_FALSE(p.ok());
  REQUIRE_FALSE(p.diagnostics.errors.empty());
  CHECK(p.diagnostics.errors[0].pointer == "/by_channel/card");
}

TEST_CASE("an as_of time without an offset is refused") {
  auto e = only_error(feed_doc().set("as_of", R"("2026-11-27T10:00:00")").text());
  CHECK(to_string(e) ==
        "/as_of: must be a date and time with its offset, like 2026-11-27T10:00:00+09:00");
}

TEST_CASE("an as_of time with Z and fractional seconds is read to the second") {
  auto p = parse_feed(feed_doc().set("as_of", R"("2026-11-27T01:00:00.750Z")").text());
  REQUIRE(p.ok());
  CHECK(p.value->as_of == 1795741200);
}

TEST_CASE("an as_of time given as a number is refused") {
  auto e = only_error(feed_doc().set("as_of", "1795741200").text());
  CHECK(e.pointer == "/as_of");
}

TEST_CASE("every missing field of a feed is named") {
  auto doc = feed_doc().remove("by_channel");
  for (const char* key : {"campaign_id", "currency", "raised", "donors", "donations", "as_of"}) {
    doc.remove(key);
  }
  auto p = parse_feed(doc.text());
  CHECK(error_texts(p) == std::vector<std::string>{
                              "/campaign_id: is required but missing",
                              "/currency: is required but missing",
                              "/raised: is required but missing",
                              "/donors: is required but missing",
                              "/donations: is required but missing",
                              "/as_of: is required but missing",
                          });
}

TEST_CASE("a feed with three problems reports all three") {
  auto p = parse_feed(feed_doc()
                          .set("campaign_id", R"("cat-cafe")")
                          .set("donations", "1")
                          .set("as_of", R"("yesterday")")
                          .text(),
                      the_campaign());
  CHECK_FALSE(p.ok());
  REQUIRE(p.diagnostics.errors.size() == 3);
  CHECK(p.diagnostics.errors[0].pointer == "/campaign_id");
  CHECK(p.diagnostics.errors[1].pointer == "/donations");
  CHECK(p.diagnostics.errors[2].pointer == "/as_of");
}

TEST_CASE("an unknown field in a feed is a warning only") {
  auto p = parse_feed(feed_doc().set("generated_by", R"("backoffice 2.1")").text(), the_campaign());
  REQUIRE(p.ok());
  REQUIRE(p.diagnostics.warnings.size() == 1);
  CHECK(p.diagnostics.warnings[0].pointer == "/generated_by");
}

TEST_CASE("feed schema version 2 gets exactly one error") {
  auto p = parse_feed(feed_doc().set("schema_version", "2").set("raised", "-5").text());
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK(to_string(p.diagnostics.errors[0]) ==
        "/schema_version: feed format version 2 is not supported; this Kifu reads version 1");
}

TEST_CASE("a duplicate raised total in a feed is refused") {
  auto e = only_error(feed_doc().add("raised", "999999999999").text());
  CHECK(e.pointer == "/raised");
  CHECK_THAT(e.message, StartsWith("duplicate key"));
}
