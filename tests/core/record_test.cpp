// Donation records: what a back office may send, and why a damaged record is
// refused with every reason named, never miscounted.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "record.hpp"

using Catch::Matchers::Contains;

namespace {

const std::string card =
    R"({"id":"d-1","time":"2026-11-27T10:00:00+09:00","channel":"card","amount":5000,"donor":"k1","status":"completed"})";

std::vector<std::string> reasons(const kifu::ParsedRecord& p) {
  std::vector<std::string> out;
  for (const auto& e : p.errors) out.push_back(e.pointer + ": " + e.message);
  return out;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::vector<kifu::RawRecord> split(kifu::RecordFormat f, const std::vector<std::string>& chunks,
                                   std::vector<std::string>& texts) {
  kifu::RecordSplitter s(f);
  std::vector<kifu::RawRecord> out;
  auto emit = [&](const kifu::RawRecord& r) {
    texts.emplace_back(r.text);
    out.push_back(r);
  };
  for (const auto& c : chunks) s.push(c, emit);
  s.finish(emit);
  return out;
}

}  // namespace

TEST_CASE("a card donation reads as its fields") {
  auto p = kifu::parse_json_record(card);
  REQUIRE(p.errors.empty());
  REQUIRE(p.record);
  CHECK(p.record->id == "d-1");
  // 2026-11-27T01:00:00Z: `date -u -d 2026-11-27T01:00:00Z +%s` = 1795741200
  CHECK(p.record->time == 1795741200);
  CHECK(p.record->channel == kifu::Channel::card);
  CHECK(p.record->amount == 5000);
  CHECK(p.record->donor == "k1");
  CHECK(p.record->status == kifu::RecordStatus::completed);
}

TEST_CASE("a points record carries points and a program, never an amount") {
  auto p = kifu::parse_json_record(
      R"({"id":"p-1","time":"2026-11-27T10:00:00Z","channel":"points","points":3000,"program":"card-points","donor":"k","status":"completed"})");
  REQUIRE(p.record);
  CHECK(p.record->points == 3000);
  CHECK(p.record->program == "card-points");
  auto with_amount = kifu::parse_json_record(
      R"({"id":"p-1","time":"2026-11-27T10:00:00Z","channel":"points","points":3000,"program":"card-points","amount":15000,"donor":"k","status":"completed"})");
  CHECK_FALSE(with_amount.record);
  CHECK_THAT(reasons(with_amount)[0], Contains("/amount: must be left out on a points record"));
}

TEST_CASE("an amount written as a string is refused, naming the field") {
  auto p = kifu::parse_json_record(replaced(card, "5000", "\"5000\""));
  CHECK_FALSE(p.record);
  REQUIRE(p.errors.size() == 1);
  CHECK(p.errors[0].pointer == "/amount");
  CHECK_THAT(p.errors[0].message, Contains("written as a JSON number, got a string"));
}

TEST_CASE("an amount beyond 64 bits is refused, not wrapped") {
  // 2^63 = 9223372036854775808, one past the largest int64.
  auto p = kifu::parse_json_record(replaced(card, "5000", "9223372036854775808"));
  CHECK_FALSE(p.record);
  CHECK_THAT(reasons(p)[0], Contains("beyond the largest amount Kifu holds (9223372036854775807)"));
  auto largest = kifu::parse_json_record(replaced(card, "5000", "9223372036854775807"));
  REQUIRE(largest.record);
  CHECK(largest.record->amount == INT64_MAX);
}

TEST_CASE("fractions, zero and negative amounts are refused") {
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "5000", "50.5")))[0],
             Contains("a fraction"));
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "5000", "0")))[0], Contains("got 0"));
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "5000", "-5")))[0],
             Contains("negative"));
}

TEST_CASE("a time without an offset is refused as ambiguous") {
  auto p = kifu::parse_json_record(replaced(card, "+09:00", ""));
  CHECK_FALSE(p.record);
  CHECK_THAT(reasons(p)[0], Contains("/time: has no offset"));
}

TEST_CASE("an unknown channel or status is refused with the allowed values") {
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "\"card\"", "\"cash\"")))[0],
             Contains("/channel: must be points, card, transfer or offline, got \"cash\""));
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "completed", "done")))[0],
             Contains("/status: must be completed, refunded or cancelled"));
}

TEST_CASE("every problem of a record is reported at once") {
  auto p = kifu::parse_json_record(
      R"({"id":"","time":"yesterday","channel":"card","amount":"1","status":"completed"})");
  CHECK(p.errors.size() == 4);  // id empty, time, amount a string, donor missing
}

TEST_CASE("a refund needs only the id, the time and the status") {
  auto p =
      kifu::parse_json_record(R"({"id":"d-1","time":"2026-12-01T00:00:00Z","status":"refunded"})");
  REQUIRE(p.record);
  CHECK(p.record->status == kifu::RecordStatus::refunded);
}

TEST_CASE("invalid UTF-8, a stray byte order mark and duplicate keys are refused") {
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "k1", "k\xff")))[0],
             Contains("is not valid UTF-8: byte 0xFF"));
  CHECK_THAT(reasons(kifu::parse_json_record("\xEF\xBB\xBF" + card))[0],
             Contains("byte order mark"));
  CHECK_THAT(reasons(kifu::parse_json_record(
                 replaced(card, "\"id\":\"d-1\"", "\"id\":\"d-1\",\"id\":\"d-2\"")))[0],
             Contains("duplicate key \"id\""));
}

TEST_CASE("nested values and a cut-off line are refused as JSON problems") {
  CHECK_THAT(reasons(kifu::parse_json_record(replaced(card, "5000", "{\"yen\":5000}")))[0],
             Contains("/amount: must not be an object or array"));
  CHECK_THAT(reasons(kifu::parse_json_record(card.substr(0, 40)))[0],
             Contains("is not valid JSON"));
}

TEST_CASE("JSON escapes decode, including surrogate pairs") {
  auto p = kifu::parse_json_record(replaced(card, "\"k1\"", R"("\u00e9\ud83d\ude00\"")"));
  REQUIRE(p.record);
  CHECK(p.record->donor == "\xC3\xA9\xF0\x9F\x98\x80\"");
  CHECK_FALSE(kifu::parse_json_record(replaced(card, "\"k1\"", R"("\ud83d")")).record);
}

TEST_CASE("CSV: quoted cells may hold commas, quotes and line breaks") {
  auto h = kifu::parse_csv_header("id,time,channel,amount,donor,status,memo");
  REQUIRE(h.errors.empty());
  REQUIRE(h.ignored == std::vector<std::string>{"memo"});
  auto p = kifu::parse_csv_record(
      "\"d,1\",2026-11-27T10:00:00+09:00,card,5000,k1,completed,\"said \"\"hi\"\"\nthen left\"", h);
  REQUIRE(p.errors.empty());
  CHECK(p.record->id == "d,1");
  CHECK(p.record->amount == 5000);
}

TEST_CASE("CSV: amounts are digits only, cells must match the header") {
  auto h = kifu::parse_csv_header("id,time,channel,amount,donor,status");
  CHECK_THAT(
      reasons(kifu::parse_csv_record("d,2026-11-27T10:00:00Z,card,\"5,000\",k,completed", h))[0],
      Contains("/amount: must be a positive integer amount"));
  CHECK_THAT(reasons(kifu::parse_csv_record("d,2026-11-27T10:00:00Z,card,5000,k", h))[0],
             Contains("has 5 cells but the header has 6 columns"));
  CHECK_THAT(
      reasons(kifu::parse_csv_record("d,2026-11-27T10:00:00Z,card,5000,k,\"completed", h))[0],
      Contains("never closed"));
}

TEST_CASE("CSV: a header without id, time or status is unusable") {
  auto h = kifu::parse_csv_header("time,channel,amount,donor,status");
  REQUIRE(h.errors.size() == 1);
  CHECK(h.errors[0].pointer == "/id");
}

TEST_CASE("the splitter finds records whatever the chunk boundaries") {
  std::vector<std::string> texts;
  // BOM at the start, CRLF, a blank line, a last line without its line end.
  auto raws = split(kifu::RecordFormat::json_lines,
                    {"\xEF\xBB\xBF{\"a\":1}\r", "\n\n{\"b\"", ":2}"}, texts);
  REQUIRE(texts == std::vector<std::string>{"{\"a\":1}", "{\"b\":2}"});
  CHECK(raws[0].line == 1);
  CHECK(raws[1].line == 3);
  CHECK_FALSE(raws[0].at_end_without_newline);
  CHECK(raws[1].at_end_without_newline);
}

TEST_CASE("the CSV splitter keeps line breaks inside quotes and counts lines from the start") {
  std::vector<std::string> texts;
  auto raws = split(kifu::RecordFormat::csv, {"h\n\"a\n", "b\",c\nd\n"}, texts);
  REQUIRE(texts == std::vector<std::string>{"h", "\"a\nb\",c", "d"});
  CHECK(raws[1].line == 2);
  CHECK(raws[2].line == 4);
}

TEST_CASE("a line longer than the limit is cut, reported once, and the next line still read") {
  std::vector<std::string> texts;
  const std::string huge(kifu::max_record_bytes + 10, 'x');
  auto raws = split(kifu::RecordFormat::json_lines,
                    {huge.substr(0, 40000), huge.substr(40000), "\n{}\n"}, texts);
  REQUIRE(raws.size() == 2);
  CHECK(raws[0].too_long);
  CHECK(raws[1].line == 2);
  CHECK(texts[1] == "{}");
}
