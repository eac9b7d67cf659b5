#include "amount_input.hpp"

#include <array>
#include <vector>

namespace kifu {

namespace {

// Decodes UTF-8 into code points; nullopt on a malformed sequence.
std::optional<std::u32string> decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    char32_t cp = c;
    if (c >= 0x80) {
      if ((c >> 5) == 0x6)
        extra = 1, cp = c & 0x1fu;
      else if ((c >> 4) == 0xe)
        extra = 2, cp = c & 0x0fu;
      else if ((c >> 3) == 0x1e)
        extra = 3, cp = c & 0x07u;
      else
        return std::nullopt;
    }
    if (i + extra >= s.size() && extra > 0) return std::nullopt;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3fu);
    }
    out.push_back(cp);
    i += extra + 1;
  }
  return out;
}

// Full-width ASCII (what a Japanese IME types in zenkaku mode) to ASCII,
// ideographic space to space, yen signs to one, the minus sign to '-'.
char32_t narrow(char32_t c) {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (c == 0x3000) return U' ';
  if (c == 0xffe5) return U'¥';
  if (c == 0x2212) return U'-';
  if (c >= U'A' && c <= U'Z') c += 32;  // units are matched without case
  return c;
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t';
}

void trim(std::u32string& s) {
  while (!s.empty() && is_space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && is_space(s[i])) ++i;
  s.erase(0, i);
}

bool strip_suffix(std::u32string& s, std::u32string_view suffix) {
  if (s.size() < suffix.size() || s.compare(s.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return false;
  }
  s.erase(s.size() - suffix.size());
  trim(s);
  return true;
}

struct Message {
  const char* code;
  const char* ja;
  const char* en;
};

AmountInput refuse(const Message& m, Lang lang) {
  AmountInput r;
  r.code = m.code;
  r.error = lang == Lang::ja ? m.ja : m.en;
  return r;
}

constexpr Message not_a_number{"not_a_number",
                               "数字で入力してください（例: 3000、３，０００、1.5万）",
                               "Enter a number, such as 3000, 3,000 or 1.5万"};
constexpr Message negative{"negative", "マイナスの数は入力できません", "Cannot be negative"};
constexpr Message fraction{"fraction", "整数で入力してください（小数は使えません）",
                           "Enter a whole number (no decimals)"};
constexpr Message too_large{"too_large", "大きすぎます（999,999,999,999まで）",
                            "Too large (at most 999,999,999,999)"};
constexpr Message grouping{"grouping", "桁区切りのカンマの位置が正しくありません（例: 3,000）",
                           "The thousands separators are misplaced (e.g. 3,000)"};
constexpr Message points_not_amount{"wrong_unit", "金額ではなくポイント数を入力してください",
                                    "Enter points, not an amount"};
constexpr Message amount_not_points{"wrong_unit", "ポイント数ではなく金額を入力してください",
                                    "Enter an amount, not points"};
constexpr Message zero{"zero", "1以上の金額を入力してください", "Enter an amount above 0"};

// Digits with commas only between correct groups of three; the value, or -1
// for misplaced separators, -2 for anything that is not digits, -3 too large.
std::int64_t grouped_digits(std::u32string_view s) {
  if (s.empty()) return -2;
  const bool has_comma = s.find(U',') != std::u32string_view::npos;
  std::int64_t v = 0;
  std::size_t since_comma = 0;
  bool seen_comma = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char32_t c = s[i];
    if (c == U',') {
      if (i == 0 || (seen_comma && since_comma != 3) || (!seen_comma && since_comma > 3)) return -1;
      seen_comma = true;
      since_comma = 0;
      continue;
    }
    if (c < U'0' || c > U'9') return -2;
    if (v > max_input / 10) return -3;
    v = v * 10 + static_cast<std::int64_t>(c - U'0');
    ++since_comma;
  }
  if (has_comma && since_comma != 3) return -1;
  return v > max_input ? -3 : v;
}

}  // namespace

AmountInput parse_amount_input(std::string_view text, InputKind kind, Lang lang) {
  auto decoded = decode(text);
  if (!decoded) return refuse(not_a_number, lang);
  std::u32string s;
  for (char32_t c : *decoded) s.push_back(narrow(c));
  trim(s);
  if (s.empty()) {
    AmountInput r;
    r.empty = true;
    return r;
  }
  bool amount_unit = false, points_unit = false;
  if (s.front() == U'¥' || s.front() == U'$') {
    amount_unit = true;
    s.erase(0, 1);
    trim(s);
  }
  for (std::u32string_view u : {U"円", U"yen"}) amount_unit = strip_suffix(s, u) || amount_unit;
  for (std::u32string_view u : {U"ポイント", U"pts", U"pt", U"p", U"マイル", U"miles", U"mile"}) {
    if (strip_suffix(s, u)) {
      points_unit = true;
      break;
    }
  }
  if (s.empty()) return refuse(not_a_number, lang);
  if (s.front() == U'-') return refuse(negative, lang);
  if (amount_unit && kind == InputKind::points) return refuse(points_not_amount, lang);
  if (points_unit && kind == InputKind::amount) return refuse(amount_not_points, lang);

  // 万 = 10,000: "1万", "1.5万", "1万2000", "1万2,000".
  std::int64_t value = 0;
  const auto man = s.find(U'万');
  if (man != std::u32string::npos) {
    std::u32string_view head(s.data(), man);
    std::u32string_view tail(s.data() + man + 1, s.size() - man - 1);
    std::int64_t scaled = 0;  // head * 10,000, exactly
    const auto dot = head.find(U'.');
    const std::u32string_view whole = head.substr(0, dot);
    const std::u32string_view decimals =
        dot == std::u32string_view::npos ? std::u32string_view{} : head.substr(dot + 1);
    if (dot != std::u32string_view::npos && decimals.empty()) return refuse(not_a_number, lang);
    const std::int64_t w = grouped_digits(whole);
    if (w == -1) return refuse(grouping, lang);
    if (w < 0 && w != -3) return refuse(not_a_number, lang);
    if (w == -3 || w > max_input / 10'000) return refuse(too_large, lang);
    scaled = w * 10'000;
    std::int64_t unit = 1'000;
    for (std::size_t i = 0; i < decimals.size(); ++i) {
      const char32_t c = decimals[i];
      if (c < U'0' || c > U'9') return refuse(not_a_number, lang);
      if (unit == 0) {
        if (c != U'0') return refuse(fraction, lang);
        continue;
      }
      scaled += static_cast<std::int64_t>(c - U'0') * unit;
      unit /= 10;
    }
    std::int64_t rest = 0;
    if (!tail.empty()) {
      if (dot != std::u32string_view::npos) return refuse(not_a_number, lang);
      rest = grouped_digits(tail);
      if (rest == -1) return refuse(grouping, lang);
      if (rest < 0 || rest >= 10'000) return refuse(not_a_number, lang);
    }
    value = scaled + rest;
    if (value > max_input) return refuse(too_large, lang);
  } else {
    const auto dot = s.find(U'.');
    if (dot != std::u32string::npos) {
      // "3000.0" says the same as 3000, but "3000.5" does not: refuse the
      // fraction, never round it.
      std::u32string_view after(s.data() + dot + 1, s.size() - dot - 1);
      bool digits = !after.empty();
      bool zeros = true;
      for (char32_t c : after) {
        digits = digits && c >= U'0' && c <= U'9';
        zeros = zeros && c == U'0';
      }
      if (!digits) return refuse(not_a_number, lang);
      if (!zeros) return refuse(fraction, lang);
      s.erase(dot);
    }
    value = grouped_digits(s);
    if (value == -1) return refuse(grouping, lang);
    if (value == -2) return refuse(not_a_number, lang);
    if (value == -3) return refuse(too_large, lang);
  }
  if (kind == InputKind::amount && value == 0) return refuse(zero, lang);
  AmountInput r;
  r.value = value;
  return r;
}

}  // namespace kifu
