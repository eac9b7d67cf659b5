// What visitors type: a table of accepted and refused strings, in both
// languages. Every accepted value is worked out by hand.
#include <catch2/catch.hpp>

#include "amount_input.hpp"

using kifu::InputKind;
using kifu::Lang;
using kifu::parse_amount_input;

TEST_CASE("accepted point balances") {
  const std::pair<const char*, std::int64_t> table[] = {
      {"3000", 3000},
      {"３０００", 3000},  // full-width digits
      {"3,000", 3000},
      {"３，０００", 3000},  // full-width comma
      {"1,234,567", 1234567},
      {"  3000  ", 3000},
      {"\u30003000\u3000", 3000},  // ideographic spaces
      {"3000pt", 3000},
      {"3000 PT", 3000},
      {"３０００ｐｔ", 3000},
      {"3000ポイント", 3000},
      {"3000 miles", 3000},
      {"500マイル", 500},
      {"1万", 10000},
      {"１万", 10000},
      {"1.5万", 15000},
      {"１．５万ポイント", 15000},
      {"1万2000", 12000},
      {"1万2,000", 12000},
      {"0.0001万", 1},
      {"3000.0", 3000},  // the same number, not a fraction
      {"0", 0},
      {"999,999,999,999", 999999999999},
      {"99999999万", 999999990000},  // 99,999,999 * 10,000, under the limit
  };
  for (const auto& [text, value] : table) {
    INFO(text);
    const auto r = parse_amount_input(text, InputKind::points, Lang::en);
    CHECK(r.error.empty());
    REQUIRE(r.value);
    CHECK(*r.value == value);
  }
}

TEST_CASE("accepted target amounts") {
  const std::pair<const char*, std::int64_t> table[] = {
      {"¥15,000", 15000}, {"￥１５，０００", 15000}, {"15000円", 15000}, {"1.5万円", 15000},
      {"2万", 20000},
  };
  for (const auto& [text, value] : table) {
    INFO(text);
    const auto r = parse_amount_input(text, InputKind::amount, Lang::ja);
    REQUIRE(r.value);
    CHECK(*r.value == value);
  }
}

TEST_CASE("an empty field is neither a value nor an error") {
  for (const char* text : {"", "   ", "\u3000"}) {
    const auto r = parse_amount_input(text, InputKind::points, Lang::ja);
    CHECK(r.empty);
    CHECK_FALSE(r.value);
    CHECK(r.error.empty());
  }
}

TEST_CASE("refused strings, with the reason in each language") {
  struct Row {
    const char* text;
    const char* code;
  };
  const Row table[] = {
      {"abc", "not_a_number"},
      {"3000x", "not_a_number"},
      {"3 000", "not_a_number"},
      {"pt", "not_a_number"},
      {"1..5万", "not_a_number"},
      {"1.5万2000", "not_a_number"},
      {"1万12345", "not_a_number"},
      {"\xff\xfe", "not_a_number"},
      {"-5", "negative"},
      {"−5", "negative"},
      {"－５", "negative"},
      {"1.5", "fraction"},
      {"3000.5", "fraction"},
      {"1.23456万", "fraction"},
      {"1,00", "grouping"},
      {"10,00,000", "grouping"},
      {",300", "grouping"},
      {"3000,", "grouping"},
      {"1234,567", "grouping"},
      {"1,000,000,000,000", "too_large"},
      {"1000000000000", "too_large"},
      {"100000000万", "too_large"},
      {"3000円", "wrong_unit"},
      {"¥3000", "wrong_unit"},
  };
  for (const auto& [text, code] : table) {
    INFO(text);
    const auto ja = parse_amount_input(text, InputKind::points, Lang::ja);
    const auto en = parse_amount_input(text, InputKind::points, Lang::en);
    CHECK_FALSE(ja.value);
    CHECK(ja.code == code);
    CHECK(en.code == code);
    CHECK_FALSE(ja.error.empty());
    CHECK_FALSE(en.error.empty());
    CHECK(ja.error != en.error);
  }
}

TEST_CASE("the messages people read") {
  CHECK(parse_amount_input("-5", InputKind::points, Lang::ja).error ==
        "マイナスの数は入力できません");
  CHECK(parse_amount_input("-5", InputKind::points, Lang::en).error == "Cannot be negative");
  CHECK(parse_amount_input("3000pt", InputKind::amount, Lang::en).error ==
        "Enter an amount, not points");
  CHECK(parse_amount_input("0", InputKind::amount, Lang::en).error == "Enter an amount above 0");
}
