// Formatting for readers; the rules and the Intl behaviour they follow are in
// format.hpp. Everything here is integer arithmetic: amounts are exact minor
// units and must never pass through a double (the wasm build has no
// floating-point to_chars either). __int128 holds the intermediate products
// (an int64 amount times 10^minor_digits times 20 does not fit in 64 bits).
#include "format.hpp"

#include "diagnostic.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

namespace kifu {

namespace {

__extension__ typedef unsigned __int128 u128;

// |n| as unsigned, so that INT64_MIN has a magnitude too.
std::uint64_t magnitude(std::int64_t n) {
  return n < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
}

std::string digits(std::uint64_t n) {
  std::array<char, 20> buf{};
  auto end = std::to_chars(buf.data(), buf.data() + buf.size(), n).ptr;
  return std::string(buf.data(), end);
}

// Both languages group ordinary numbers by thousands (as Intl does for ja-JP
// and en-US); the 10^4 steps of Japanese only show up as compact units.
std::string grouped(std::uint64_t n) {
  const std::string plain = digits(n);
  std::string out;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    if (i > 0 && (plain.size() - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return out;
}

u128 pow10(int e) {
  u128 p = 1;
  for (int i = 0; i < e; ++i) p *= 10;
  return p;
}

// The table in money.cpp stays within 0..3; the clamp only keeps a bad
// Currency from indexing or shifting past what 64 bits hold.
int minor_digits(const Currency& c) {
  return std::clamp(c.minor_digits, 0, 18);
}

// Puts sign and currency around an unsigned number: "-¥1,000", "1,000円",
// "CHF 1,234.50". The sign leads in every form, as Intl writes it.
std::string with_currency(bool negative, const std::string& number, const Currency& c, Lang lang) {
  std::string out = negative ? "-" : "";
  if (lang == Lang::ja && !c.suffix_ja.empty()) {
    out += number;
    out += c.suffix_ja;
  } else if (lang == Lang::en && !c.symbol_en.empty()) {
    out += c.symbol_en;
    out += number;
  } else {
    out += c.code;
    out += ' ';
    out += number;
  }
  return out;
}

struct Unit {
  int exponent;
  std::string_view name;
};
// CLDR's compact units: Japanese counts in myriads, English in thousands.
// Intl has nothing above 京 or T, so larger numbers keep the last unit.
constexpr std::array<Unit, 4> ja_units{{{4, "万"}, {8, "億"}, {12, "兆"}, {16, "京"}}};
constexpr std::array<Unit, 4> en_units{{{3, "K"}, {6, "M"}, {9, "B"}, {12, "T"}}};

// "3分前" / "3 minutes ago"; Intl's ja form is "3 分前", but Japanese text
// sets a number right against its counter.
std::string ago(std::int64_t n, std::string_view ja_unit, std::string_view en_unit, Lang lang) {
  std::string out = grouped(static_cast<std::uint64_t>(n));
  if (lang == Lang::ja) {
    out += ja_unit;
    out += "前";
  } else {
    out += ' ';
    out += en_unit;
    if (n != 1) out += 's';
    out += " ago";
  }
  return out;
}

}  // namespace

std::string format_count(std::int64_t n) {
  return (n < 0 ? "-" : "") + grouped(magnitude(n));
}

std::string format_amount(std::int64_t minor, const Currency& c, Lang lang) {
  const int d = minor_digits(c);
  const auto per = static_cast<std::uint64_t>(pow10(d));
  const std::uint64_t u = magnitude(minor);
  std::string number = grouped(u / per);
  if (d > 0) {
    // Every minor digit is shown ("$1,234.50", never "$1,234.5"): a price
    // written with its cents is what readers of either language expect.
    const std::string fraction = digits(u % per);
    number += '.';
    number.append(static_cast<std::size_t>(d) - fraction.size(), '0');
    number += fraction;
  }
  return with_currency(minor < 0, number, c, lang);
}

std::string format_amount_compact(std::int64_t minor, const Currency& c, Lang lang) {
  const auto& units = lang == Lang::ja ? ja_units : en_units;
  // The amount in major units is the exact rational u / per; every
  // comparison below multiplies out instead of dividing.
  const u128 per = pow10(minor_digits(c));
  const u128 u = magnitude(minor);
  // Below the first unit Intl would print the number itself, rounded to one
  // decimal ("1,234.5"); a full amount with its cents reads better there.
  if (u < pow10(units[0].exponent) * per) return format_amount(minor, c, lang);

  std::size_t i = 0;
  while (i + 1 < units.size() && u >= pow10(units[i + 1].exponent) * per) ++i;
  // The mantissa in tenths, rounded half up on the magnitude, i.e. half away
  // from zero on the signed amount (Intl's default "halfExpand").
  auto tenths = [&](std::size_t k) {
    const u128 den = pow10(units[k].exponent) * per;
    return (u * 20 + den) / (den * 2);
  };
  u128 t = tenths(i);
  // 999,950 is 999.95K, which rounds to 1,000K: Intl then moves to the next
  // unit and writes "1M". Rounding again from the exact amount gives 1.0 there.
  if (i + 1 < units.size() && t >= pow10(units[i + 1].exponent - units[i].exponent + 1)) {
    ++i;
    t = tenths(i);
  }
  std::string number = grouped(static_cast<std::uint64_t>(t / 10));
  if (t % 10 != 0) {  // "1.8億", but "11億" rather than "11.0億"
    number += '.';
    number += static_cast<char>('0' + static_cast<int>(t % 10));
  }
  number += units[i].name;
  return with_currency(minor < 0, number, c, lang);
}

std::string format_percent(std::int64_t permille) {
  // The caller truncates (progress.cpp) so that 999.9 permille never shows
  // as "100%" before the goal is met; here the digits are only printed.
  const std::uint64_t u = magnitude(permille);
  std::string out = (permille < 0 ? "-" : "") + grouped(u / 10);
  if (u % 10 != 0) {
    out += '.';
    out += static_cast<char>('0' + static_cast<int>(u % 10));
  }
  return out + "%";
}

std::string format_date(const Date& d, Lang lang) {
  auto number = [](int n) { return std::to_string(n); };
  // ja-JP dateStyle "long" and en-US dateStyle "medium": the forms a reader
  // sees on a Japanese or American page, with no leading zeros.
  if (lang == Lang::ja) {
    return number(d.year) + "年" + number(d.month) + "月" + number(d.day) + "日";
  }
  static constexpr std::array<std::string_view, 12> months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::string month = d.month >= 1 && d.month <= 12
                                ? std::string(months[static_cast<std::size_t>(d.month - 1)])
                                : number(d.month);  // not a real date; show it as it is
  return month + " " + number(d.day) + ", " + number(d.year);
}

std::string format_age(std::int64_t seconds, Lang lang) {
  // Negative ages come from a clock that is behind the feed's; "just now"
  // is the honest reading of both.
  if (seconds < 60) return lang == Lang::ja ? "たった今" : "just now";
  // Whole units, floored: 119 seconds is "1 minute ago", as a person says.
  const std::int64_t minutes = seconds / 60;
  if (minutes < 60) return ago(minutes, "分", "minute", lang);
  const std::int64_t hours = minutes / 60;
  if (hours < 24) return ago(hours, "時間", "hour", lang);
  return ago(hours / 24, "日", "day", lang);
}

FormattedAmount format_amount_text(const std::string& minor_decimal, const std::string& currency,
                                   const std::string& lang, bool compact) {
  FormattedAmount result;
  std::string_view s = minor_decimal;
  const bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty() ||
      !std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    result.error =
        "amount: must be an integer number of minor units written in decimal digits, got " +
        quote_excerpt(minor_decimal);
    return result;
  }
  // The same range for both signs, so that every accepted amount can be
  // negated; the loop stops at the first digit past it.
  u128 value = 0;
  for (char ch : s) {
    value = value * 10 + static_cast<u128>(ch - '0');
    if (value > static_cast<u128>(max_amount)) {
      result.error = "amount: " + excerpt(minor_decimal) +
                     " is beyond the largest amount Kifu holds (" + format_count(max_amount) + ")";
      return result;
    }
  }
  const auto amount = static_cast<std::int64_t>(value);
  const auto c = find_currency(currency);
  if (!c) {
    result.error = "currency: unknown ISO 4217 code " + quote_excerpt(currency);
    return result;
  }
  const auto l = parse_lang(lang);
  if (!l) {
    result.error = "lang: must be \"ja\" or \"en\"";
    return result;
  }
  const std::int64_t signed_amount = negative ? -amount : amount;
  result.ok = true;
  result.text =
      compact ? format_amount_compact(signed_amount, *c, *l) : format_amount(signed_amount, *c, *l);
  return result;
}

}  // namespace kifu
