// Numbers, amounts, dates and ages as a Japanese or English reader expects
// them. Checked against the browser's Intl in tests/js/format_vs_intl.test.mjs.
//
//   format_amount(1'100'000'000, jpy, Lang::ja)          == "1,100,000,000円"
//   format_amount(1'100'000'000, jpy, Lang::en)          == "¥1,100,000,000"
//   format_amount_compact(182'600'000, jpy, Lang::ja)    == "1.8億円"
//   format_amount_compact(182'600'000, jpy, Lang::en)    == "¥182.6M"
//   format_percent(166, Lang::en)                        == "16.6%"
//   format_age(180, Lang::ja)                            == "3分前"
#pragma once

#include <cstdint>
#include <string>

#include "campaign.hpp"
#include "dates.hpp"
#include "money.hpp"

namespace kifu {

// Grouped integer: 12,345 (both languages group by thousands).
std::string format_count(std::int64_t n);

// The full amount with every minor digit: "¥1,234", "$1,234.50", "1,234円".
std::string format_amount(std::int64_t minor, const Currency& c, Lang lang);

// Short form for headlines. Japanese counts in 万/億/兆/京 (10^4 steps),
// English in K/M/B/T (10^3 steps); one decimal at most, rounded half away
// from zero like Intl.NumberFormat's compact notation. Amounts below the first
// unit are written in full.
std::string format_amount_compact(std::int64_t minor, const Currency& c, Lang lang);

// Permille as a percent with one decimal, truncated so that 99.99% never
// reads as 100%: 166 -> "16.6%", 1000 -> "100%", 1123 -> "112.3%".
std::string format_percent(std::int64_t permille);

// "2026年11月27日" / "Nov 27, 2026".
std::string format_date(const Date& d, Lang lang);

// How old data is: "たった今" / "just now" under a minute, then minutes,
// hours and days ("3分前" / "3 minutes ago").
std::string format_age(std::int64_t seconds, Lang lang);

}  // namespace kifu

namespace kifu {

// For callers that hold amounts as decimal strings (JavaScript, where numbers
// lose integers above 2^53): "182600000", "JPY", "ja", compact -> "1.8億円".
struct FormattedAmount {
  bool ok = false;
  std::string text;
  std::string error;  // why not ok, naming the argument
};
FormattedAmount format_amount_text(const std::string& minor_decimal, const std::string& currency,
                                   const std::string& lang, bool compact);

}  // namespace kifu
