// What readers see for numbers, amounts, dates and ages. Expected values were
// worked out by hand or printed by Node 20's Intl (ICU 78) with the options
// named in format.hpp; none were copied from Kifu's own output.
#include <catch2/catch.hpp>

#include <cstdint>

#include "format.hpp"

using kifu::Currency;
using kifu::Date;
using kifu::format_age;
using kifu::format_amount;
using kifu::format_amount_compact;
using kifu::format_amount_text;
using kifu::format_count;
using kifu::format_date;
using kifu::format_percent;
using kifu::Lang;

namespace {
// Spelled out here so that these tests do not depend on money.cpp's table.
const Currency jpy{"JPY", 0, "¥", "円"};
const Currency usd{"USD", 2, "$", "ドル"};
const Currency chf{"CHF", 2, "", ""};
const Currency kwd{"KWD", 3, "", ""};
const Currency eur{"EUR", 2, "€", "ユーロ"};
}  // namespace

// --- counts ---------------------------------------------------------------

TEST_CASE("a count is grouped by thousands") {
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1,000");
  CHECK(format_count(12345) == "12,345");
  CHECK(format_count(1234567) == "1,234,567");
}

TEST_CASE("a negative count keeps its minus sign in front of the groups") {
  CHECK(format_count(-12345) == "-12,345");
  CHECK(format_count(-100) == "-100");
}

TEST_CASE("the largest and smallest 64-bit counts print in full") {
  CHECK(format_count(INT64_MAX) == "9,223,372,036,854,775,807");
  CHECK(format_count(INT64_MIN) == "-9,223,372,036,854,775,808");
}

// --- full amounts ---------------------------------------------------------

TEST_CASE("a Japanese reader sees yen with 円 after the number") {
  CHECK(format_amount(1'100'000'000, jpy, Lang::ja) == "1,100,000,000円");
  CHECK(format_amount(0, jpy, Lang::ja) == "0円");
}

TEST_CASE("an English reader sees yen with ¥ before the number") {
  CHECK(format_amount(1'100'000'000, jpy, Lang::en) == "¥1,100,000,000");
  CHECK(format_amount(0, jpy, Lang::en) == "¥0");
}

TEST_CASE("dollars always show both cent digits") {
  CHECK(format_amount(123'450, usd, Lang::en) == "$1,234.50");
  CHECK(format_amount(100, usd, Lang::en) == "$1.00");
  CHECK(format_amount(5, usd, Lang::en) == "$0.05");
  CHECK(format_amount(0, usd, Lang::en) == "$0.00");
}

TEST_CASE("a Japanese reader sees dollars with ドル after the number") {
  CHECK(format_amount(123'450, usd, Lang::ja) == "1,234.50ドル");
}

TEST_CASE("a currency without a symbol is written with its code in both languages") {
  CHECK(format_amount(123'450, chf, Lang::en) == "CHF 1,234.50");
  CHECK(format_amount(123'450, chf, Lang::ja) == "CHF 1,234.50");
}

TEST_CASE("a currency with three minor digits shows all three") {
  CHECK(format_amount(1'234'567, kwd, Lang::en) == "KWD 1,234.567");
  CHECK(format_amount(5, kwd, Lang::ja) == "KWD 0.005");
}

TEST_CASE("a negative amount puts the minus sign before the symbol or code") {
  CHECK(format_amount(-1000, jpy, Lang::en) == "-¥1,000");
  CHECK(format_amount(-1000, jpy, Lang::ja) == "-1,000円");
  CHECK(format_amount(-1, usd, Lang::en) == "-$0.01");
  CHECK(format_amount(-123'450, chf, Lang::en) == "-CHF 1,234.50");
}

TEST_CASE("the largest amount Kifu holds prints exactly") {
  CHECK(format_amount(INT64_MAX, jpy, Lang::ja) == "9,223,372,036,854,775,807円");
  CHECK(format_amount(INT64_MAX, usd, Lang::en) == "$92,233,720,368,547,758.07");
  CHECK(format_amount(INT64_MIN, jpy, Lang::en) == "-¥9,223,372,036,854,775,808");
}

// --- compact amounts ------------------------------------------------------

TEST_CASE("a Japanese reader sees 1.8億円 for 182,600,000 yen") {
  CHECK(format_amount_compact(182'600'000, jpy, Lang::ja) == "1.8億円");
}

TEST_CASE("an English reader sees ¥182.6M for 182,600,000 yen") {
  CHECK(format_amount_compact(182'600'000, jpy, Lang::en) == "¥182.6M");
}

TEST_CASE("Japanese compact amounts start at 万: 9,999 yen is written in full") {
  CHECK(format_amount_compact(9'999, jpy, Lang::ja) == "9,999円");
  CHECK(format_amount_compact(10'000, jpy, Lang::ja) == "1万円");
}

TEST_CASE("English compact amounts start at K: 999 yen is written in full") {
  CHECK(format_amount_compact(999, jpy, Lang::en) == "¥999");
  CHECK(format_amount_compact(1'000, jpy, Lang::en) == "¥1K");
}

TEST_CASE("a whole mantissa drops the .0") {
  CHECK(format_amount_compact(1'100'000'000, jpy, Lang::ja) == "11億円");
  CHECK(format_amount_compact(1'100'000'000, jpy, Lang::en) == "¥1.1B");
  CHECK(format_amount_compact(3'000'000, jpy, Lang::en) == "¥3M");
}

TEST_CASE("a Japanese mantissa of four digits is grouped") {
  CHECK(format_amount_compact(40'000'000, jpy, Lang::ja) == "4,000万円");
  CHECK(format_amount_compact(950'000'000'000, jpy, Lang::ja) == "9,500億円");
  CHECK(format_amount_compact(99'995'000, jpy, Lang::ja) == "9,999.5万円");
}

TEST_CASE("the compact mantissa rounds half away from zero") {
  CHECK(format_amount_compact(1'149'999, jpy, Lang::en) == "¥1.1M");
  CHECK(format_amount_compact(1'150'000, jpy, Lang::en) == "¥1.2M");
  CHECK(format_amount_compact(-1'149'999, jpy, Lang::en) == "-¥1.1M");
  CHECK(format_amount_compact(-1'150'000, jpy, Lang::en) == "-¥1.2M");
  CHECK(format_amount_compact(14'999, jpy, Lang::ja) == "1.5万円");
}

TEST_CASE("rounding up to the next unit moves to that unit in English") {
  CHECK(format_amount_compact(999'949, jpy, Lang::en) == "¥999.9K");
  CHECK(format_amount_compact(999'950, jpy, Lang::en) == "¥1M");
  CHECK(format_amount_compact(999'999, jpy, Lang::en) == "¥1M");
  CHECK(format_amount_compact(99'950, jpy, Lang::en) == "¥100K");
}

TEST_CASE("99,950,000 yen is 100M in English but 9,995万 in Japanese") {
  CHECK(format_amount_compact(99'950'000, jpy, Lang::en) == "¥100M");
  CHECK(format_amount_compact(99'950'000, jpy, Lang::ja) == "9,995万円");
}

TEST_CASE("rounding up to the next unit moves to that unit in Japanese") {
  CHECK(format_amount_compact(999'999, jpy, Lang::ja) == "100万円");
  CHECK(format_amount_compact(99'999'499, jpy, Lang::ja) == "9,999.9万円");
  CHECK(format_amount_compact(99'999'500, jpy, Lang::ja) == "1億円");
}

TEST_CASE("English keeps T past a thousand trillion") {
  CHECK(format_amount_compact(1'000'000'000'000'000, jpy, Lang::en) == "¥1,000T");
  CHECK(format_amount_compact(999'950'000'000'000, jpy, Lang::en) == "¥1,000T");
  CHECK(format_amount_compact(INT64_MAX, jpy, Lang::en) == "¥9,223,372T");
}

TEST_CASE("Japanese goes up to 京") {
  CHECK(format_amount_compact(1'000'000'000'000'000, jpy, Lang::ja) == "1,000兆円");
  CHECK(format_amount_compact(10'000'000'000'000'000, jpy, Lang::ja) == "1京円");
  CHECK(format_amount_compact(INT64_MAX, jpy, Lang::ja) == "922.3京円");
}

TEST_CASE("compact dollars count major units, not cents") {
  CHECK(format_amount_compact(110'000'000, usd, Lang::en) == "$1.1M");
  CHECK(format_amount_compact(1'100'000'000, usd, Lang::ja) == "1,100万ドル");
  CHECK(format_amount_compact(100'000, usd, Lang::en) == "$1K");
  CHECK(format_amount_compact(INT64_MAX, usd, Lang::en) == "$92,233.7T");
  CHECK(format_amount_compact(INT64_MAX, usd, Lang::ja) == "9.2京ドル");
}

TEST_CASE("dollars below the first unit keep their cents instead of rounding up") {
  // Intl's compact form would say "1K" and "1万" here.
  CHECK(format_amount_compact(99'995, usd, Lang::en) == "$999.95");
  CHECK(format_amount_compact(999'995, usd, Lang::ja) == "9,999.95ドル");
  CHECK(format_amount_compact(-99'995, usd, Lang::en) == "-$999.95");
}

TEST_CASE("compact amounts in a currency without a symbol lead with the code") {
  CHECK(format_amount_compact(123'456'789, chf, Lang::en) == "CHF 1.2M");
  CHECK(format_amount_compact(123'456'789, chf, Lang::ja) == "CHF 123.5万");
  CHECK(format_amount_compact(1'234'567'890, kwd, Lang::en) == "KWD 1.2M");
  CHECK(format_amount_compact(INT64_MAX, kwd, Lang::ja) == "KWD 9,223.4兆");
}

TEST_CASE("a compact negative amount keeps the unit and currency") {
  CHECK(format_amount_compact(-182'600'000, jpy, Lang::ja) == "-1.8億円");
  CHECK(format_amount_compact(-999'950, jpy, Lang::ja) == "-100万円");
  CHECK(format_amount_compact(-1'000, jpy, Lang::ja) == "-1,000円");
}

TEST_CASE("a compact euro amount uses ユーロ in Japanese and € in English") {
  CHECK(format_amount_compact(250'000'000, eur, Lang::ja) == "250万ユーロ");
  CHECK(format_amount_compact(250'000'000, eur, Lang::en) == "€2.5M");
}

// --- percent --------------------------------------------------------------

TEST_CASE("progress shows one decimal of a percent") {
  CHECK(format_percent(166) == "16.6%");
  CHECK(format_percent(1) == "0.1%");
  CHECK(format_percent(999) == "99.9%");
  CHECK(format_percent(1123) == "112.3%");
}

TEST_CASE("a whole percent drops the .0") {
  CHECK(format_percent(0) == "0%");
  CHECK(format_percent(1000) == "100%");
  CHECK(format_percent(2000) == "200%");
}

TEST_CASE("a percent over a thousand is grouped like any number") {
  CHECK(format_percent(12345) == "1,234.5%");
}

// --- dates ----------------------------------------------------------------

TEST_CASE("a Japanese reader sees 2026年11月27日") {
  CHECK(format_date(Date{2026, 11, 27}, Lang::ja) == "2026年11月27日");
  CHECK(format_date(Date{2027, 3, 1}, Lang::ja) == "2027年3月1日");
}

TEST_CASE("an English reader sees Nov 27, 2026") {
  CHECK(format_date(Date{2026, 11, 27}, Lang::en) == "Nov 27, 2026");
  CHECK(format_date(Date{2027, 3, 1}, Lang::en) == "Mar 1, 2027");
  CHECK(format_date(Date{2026, 9, 7}, Lang::en) == "Sep 7, 2026");
  CHECK(format_date(Date{1970, 1, 1}, Lang::en) == "Jan 1, 1970");
  CHECK(format_date(Date{9999, 12, 31}, Lang::en) == "Dec 31, 9999");
}

// --- ages -----------------------------------------------------------------

TEST_CASE("data under a minute old was updated just now") {
  CHECK(format_age(0, Lang::en) == "just now");
  CHECK(format_age(59, Lang::en) == "just now");
  CHECK(format_age(59, Lang::ja) == "たった今");
}

TEST_CASE("a clock behind the feed's still reads just now") {
  CHECK(format_age(-30, Lang::en) == "just now");
  CHECK(format_age(-86400, Lang::ja) == "たった今");
}

TEST_CASE("ages in minutes count whole minutes") {
  CHECK(format_age(60, Lang::en) == "1 minute ago");
  CHECK(format_age(119, Lang::en) == "1 minute ago");
  CHECK(format_age(180, Lang::en) == "3 minutes ago");
  CHECK(format_age(180, Lang::ja) == "3分前");
  CHECK(format_age(3599, Lang::en) == "59 minutes ago");
}

TEST_CASE("ages in hours start at sixty minutes") {
  CHECK(format_age(3600, Lang::en) == "1 hour ago");
  CHECK(format_age(7200, Lang::en) == "2 hours ago");
  CHECK(format_age(7200, Lang::ja) == "2時間前");
  CHECK(format_age(86399, Lang::en) == "23 hours ago");
}

TEST_CASE("ages in days start at twenty-four hours") {
  CHECK(format_age(86400, Lang::en) == "1 day ago");
  CHECK(format_age(5 * 86400, Lang::en) == "5 days ago");
  CHECK(format_age(5 * 86400, Lang::ja) == "5日前");
  CHECK(format_age(1000 * 86400, Lang::en) == "1,000 days ago");
  CHECK(format_age(1000 * 86400, Lang::ja) == "1,000日前");
}

// --- amounts given as text (the JavaScript entry point) ---------------------

TEST_CASE("JavaScript gets 1.8億円 for the string 182600000 in JPY and ja") {
  const auto r = format_amount_text("182600000", "JPY", "ja", true);
  CHECK(r.ok);
  CHECK(r.text == "1.8億円");
  CHECK(r.error.empty());
}

TEST_CASE("JavaScript gets full amounts beyond 2^53 exactly") {
  const auto r = format_amount_text("9223372036854775807", "JPY", "en", false);
  CHECK(r.ok);
  CHECK(r.text == "¥9,223,372,036,854,775,807");
  const auto neg = format_amount_text("-9223372036854775807", "USD", "en", false);
  CHECK(neg.ok);
  CHECK(neg.text == "-$92,233,720,368,547,758.07");
}

TEST_CASE("a three-digit currency from the table is formatted with its code") {
  const auto r = format_amount_text("1234567", "KWD", "en", false);
  CHECK(r.ok);
  CHECK(r.text == "KWD 1,234.567");
}

TEST_CASE("an amount with a decimal point is refused, naming the amount") {
  const auto r = format_amount_text("12.5", "JPY", "ja", false);
  CHECK_FALSE(r.ok);
  CHECK(r.text.empty());
  CHECK(r.error ==
        "amount: must be an integer number of minor units written in decimal digits, got \"12.5\"");
}

TEST_CASE("an amount that is not plain digits is refused") {
  for (const char* bad : {"", "-", "+5", " 5", "5 ", "1e3", "--5", "0x10", "１２"}) {
    INFO(bad);
    const auto r = format_amount_text(bad, "JPY", "ja", false);
    CHECK_FALSE(r.ok);
    CHECK(r.error == std::string("amount: must be an integer number of minor units written in "
                                 "decimal digits, got \"") +
                         bad + "\"");
  }
}

TEST_CASE("an amount past 64 bits is refused, naming the limit") {
  auto r = format_amount_text("99999999999999999999", "JPY", "ja", false);
  CHECK_FALSE(r.ok);
  CHECK(r.error ==
        "amount: 99999999999999999999 is beyond the largest amount Kifu holds "
        "(9,223,372,036,854,775,807)");
  r = format_amount_text("9223372036854775808", "JPY", "ja", false);
  CHECK_FALSE(r.ok);
  r = format_amount_text("-9223372036854775808", "JPY", "ja", false);
  CHECK_FALSE(r.ok);
  CHECK(r.error ==
        "amount: -9223372036854775808 is beyond the largest amount Kifu holds "
        "(9,223,372,036,854,775,807)");
}

TEST_CASE("a very long amount is echoed shortened in the error") {
  const auto r = format_amount_text(std::string(1000, '9'), "JPY", "ja", false);
  CHECK_FALSE(r.ok);
  CHECK(r.error.size() < 200);
}

TEST_CASE("leading zeros and minus zero are still whole numbers") {
  CHECK(format_amount_text("00012", "JPY", "ja", false).text == "12円");
  CHECK(format_amount_text("-0", "JPY", "en", false).text == "¥0");
}

TEST_CASE("an unknown currency is refused, naming the currency") {
  const auto r = format_amount_text("100", "XYZ", "ja", false);
  CHECK_FALSE(r.ok);
  CHECK(r.error == "currency: unknown ISO 4217 code \"XYZ\"");
}

TEST_CASE("a language other than ja or en is refused, naming the language") {
  const auto r = format_amount_text("100", "JPY", "fr", false);
  CHECK_FALSE(r.ok);
  CHECK(r.error == "lang: must be \"ja\" or \"en\"");
}
