// Input no campaign file needs: huge documents, garbage, deep nesting. Each is
// refused with a clear error before it can cost memory, time or stack (the
// wasm build runs with a 64 KB stack; ASan shows any overflow natively).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "campaign.hpp"
#include "feed.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using kifu::parse_campaign;
using kifu::parse_feed;

namespace {

// Deterministic garbage: every byte value, NULs and invalid UTF-8 included.
std::string garbage(std::size_t n) {
  std::string s(n, '\0');
  std::uint32_t x = 20261127;
  for (auto& c : s) {
    x = x * 1664525u + 1013904223u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

}  // namespace

TEST_CASE("a 10 MB document is refused by its size, before parsing") {
  const std::string text = garbage(10 * 1024 * 1024);
  auto p = parse_campaign(text);
  CHECK_FALSE(p.ok());
  REQUIRE(p.diagnostics.errors.size() == 1);
  // 10 * 1024 * 1024 = 10485760; 1 << 20 = 1048576
  CHECK(to_string(p.diagnostics.errors[0]) ==
        "(document): is 10485760 bytes; the limit is 1048576 bytes (1 MiB)");
  CHECK_FALSE(parse_feed(text).ok());
}

TEST_CASE("a document one byte over 1 MiB is refused, one at the limit is parsed") {
  const std::string over(1048577, ' ');
  auto p = parse_campaign(over);
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK_THAT(p.diagnostics.errors[0].message, StartsWith("is 1048577 bytes"));
  // Exactly 1 MiB of spaces gets past the size check and fails as JSON instead.
  auto q = parse_campaign(std::string(1048576, ' '));
  REQUIRE(q.diagnostics.errors.size() == 1);
  CHECK_THAT(q.diagnostics.errors[0].message, StartsWith("is not valid JSON"));
}

TEST_CASE("900 KB of garbage is refused as invalid JSON, in printable words") {
  const std::string text = garbage(900 * 1024);
  for (const auto& d : {parse_campaign(text).diagnostics, parse_feed(text).diagnostics}) {
    REQUIRE(d.errors.size() == 1);
    CHECK(d.errors[0].pointer.empty());
    CHECK_THAT(d.errors[0].message, StartsWith("is not valid JSON: "));
    for (char ch : d.errors[0].message) {
      const auto c = static_cast<unsigned char>(ch);
      CHECK((c >= 0x20 && c < 0x7f));
    }
  }
}

TEST_CASE("a number too large even for a double is refused, never accepted") {
  // 1 followed by 400 zeros overflows even a double.
  const std::string huge = "1" + std::string(400, '0');
  auto p = parse_feed(R"({"schema_version": 1, "campaign_id": "a", "currency": "JPY", "raised": )" +
                      huge + R"(, "donors": 0, "donations": 0, "as_of": "2026-11-27T10:00:00Z"})");
  CHECK_FALSE(p.ok());
  REQUIRE_FALSE(p.diagnostics.errors.empty());
  // Either refused by the parser or as beyond the largest amount: never accepted.
  const auto& e = p.diagnostics.errors[0];
  CHECK((e.pointer == "/raised" || e.pointer.empty()));
}

TEST_CASE("100,000 nested arrays are refused without overflowing the stack") {
  const std::string open(100'000, '[');
  auto p = parse_campaign(open);
  REQUIRE(p.diagnostics.errors.size() == 1);
  const auto& e = p.diagnostics.errors[0];
  // Refused on entering the 33rd level: the pointer names the 32 levels above it.
  CHECK(e.message == "is nested more than 32 levels deep; no Kifu document needs that");
  std::string expected_pointer;
  for (int i = 0; i < 32; ++i) expected_pointer += "/0";
  CHECK(e.pointer == expected_pointer);
}

TEST_CASE("100,000 nested arrays that are closed again are refused the same way") {
  const std::string text = std::string(100'000, '[') + std::string(100'000, ']');
  auto p = parse_feed(text);
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK_THAT(p.diagnostics.errors[0].message, StartsWith("is nested more than 32 levels"));
}

TEST_CASE("100,000 nested objects are refused without overflowing the stack") {
  std::string text;
  for (int i = 0; i < 100'000; ++i) text += R"({"a":)";
  auto p = parse_campaign(text);
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK_THAT(p.diagnostics.errors[0].message, StartsWith("is nested more than 32 levels"));
  CHECK_THAT(p.diagnostics.errors[0].pointer, StartsWith("/a/a/a"));
}

TEST_CASE("nesting deeper than a document needs, inside a real field, is refused by pointer") {
  // title is level 1; 32 more arrays inside it go past the limit of 32.
  const std::string deep = std::string(32, '[') + std::string(32, ']');
  auto p = parse_campaign(R"({"schema_version": 1, "title": )" + deep + "}");
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK_THAT(p.diagnostics.errors[0].pointer, StartsWith("/title/0/0"));
}

TEST_CASE("a document of NUL bytes is invalid JSON, not an empty document") {
  auto p = parse_campaign(std::string(64, '\0'));
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK_THAT(p.diagnostics.errors[0].message, StartsWith("is not valid JSON"));
}

TEST_CASE("text after the document is refused") {
  auto p = parse_feed(R"({"schema_version": 1} {"schema_version": 1})");
  REQUIRE(p.diagnostics.errors.size() == 1);
  CHECK_THAT(p.diagnostics.errors[0].message, Contains("not valid JSON"));
}
