#include "share_card.hpp"

#include <cmath>
#include <cstdint>
#include <string_view>

#include "campaign.hpp"
#include "feed.hpp"
#include "progress.hpp"
#include "svg.hpp"

namespace kifu {

namespace {

// One UTF-8 character from `pos` (a malformed byte counts as one character;
// the title was validated as UTF-8 by the campaign parser anyway).
std::size_t char_length(std::string_view s, std::size_t pos) {
  const auto c = static_cast<unsigned char>(s[pos]);
  std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  return pos + n <= s.size() ? n : s.size() - pos;
}

// Characters from U+1100 on are drawn about twice as wide as Latin letters
// in the fonts the card is made for (Noto Sans CJK and system fonts).
int width_units(std::string_view ch) {
  return ch.size() >= 3 ? 2 : 1;
}

struct Word {
  std::string text;
  int units;
};

// Words to wrap at: spaces for text that has them; otherwise every character
// (Japanese has no spaces and may break between any two characters).
std::vector<Word> split_words(const std::string& title) {
  std::vector<Word> words;
  const bool spaced = title.find(' ') != std::string::npos;
  Word current{"", 0};
  for (std::size_t i = 0; i < title.size();) {
    const std::size_t n = char_length(title, i);
    const std::string_view ch(title.data() + i, n);
    i += n;
    if (spaced && ch == " ") {
      if (!current.text.empty()) words.push_back(current);
      current = {"", 0};
      continue;
    }
    current.text += ch;
    current.units += width_units(ch);
    if (!spaced) {
      words.push_back(current);
      current = {"", 0};
    }
  }
  if (!current.text.empty()) words.push_back(current);
  return words;
}

std::string percent_of_width(int bar_permille, int width) {
  // Whole viewBox units, as the widget's own graphics: the same bytes
  // natively and in wasm.
  return std::to_string(static_cast<std::int64_t>(width) * bar_permille / 1000);
}

}  // namespace

std::vector<std::string> wrap_title(const std::string& title, int line_units, int max_lines) {
  const bool spaced = title.find(' ') != std::string::npos;
  const std::string gap = spaced ? " " : "";
  std::vector<std::string> lines;
  std::string line;
  int units = 0;
  bool cut = false;
  for (const Word& w : split_words(title)) {
    const int needed = units == 0 ? w.units : units + static_cast<int>(gap.size()) + w.units;
    if (units > 0 && needed > line_units) {
      if (static_cast<int>(lines.size()) + 1 == max_lines) {
        cut = true;
        break;
      }
      lines.push_back(line);
      line.clear();
      units = 0;
    }
    if (units > 0) line += gap;
    line += w.text;
    units += (units > 0 ? static_cast<int>(gap.size()) : 0) + w.units;
  }
  if (!line.empty()) lines.push_back(line);
  if (cut && !lines.empty()) lines.back() += "…";
  return lines;
}

ShareCard render_share_card(const ProgressRequest& request) {
  ProgressRequest bar = request;
  bar.variant = "bar";
  const ProgressView view = render_progress(bar);
  ShareCard card;
  if (!view.ok) {
    card.errors = view.errors;
    card.error_source = view.error_source;
    return card;
  }
  // render_progress accepted both documents, so they parse here too.
  const auto campaign = parse_campaign(request.campaign_json);
  const auto feed = parse_feed(request.feed_json, *campaign.value);
  const auto now = static_cast<std::int64_t>(std::floor(request.now_unix_ms / 1000.0));
  const Progress progress = compute_progress(*campaign.value, *feed.value, now);

  constexpr int margin = 80;
  constexpr int bar_width = share_card_width - 2 * margin;
  std::string s;
  s +=
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630" viewBox="0 0 1200 630">)";
  s += R"(<rect width="1200" height="630" fill="#faf7f4"/>)";
  s += R"(<rect width="1200" height="16" fill="#c2410c"/>)";
  s +=
      R"(<g font-family="'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans',sans-serif" fill="#1f2328">)";
  s += R"(<text x="80" y="96" font-size="32" font-weight="700" fill="#c2410c">Kifu 寄付</text>)";
  // Two lines of title at most: 40 width units of 52 px is about 1,040 px.
  const auto lines = wrap_title(view.title, 40, 2);
  int y = 176;
  for (const auto& line : lines) {
    s += R"(<text x="80" y=")" + std::to_string(y) + R"(" font-size="52" font-weight="700">)" +
         xml_escape(line) + "</text>";
    y += 66;
  }
  s += R"(<text x="80" y="408" font-size="96" font-weight="800">)" + xml_escape(view.raised) +
       "</text>";
  s += R"(<text x="80" y="462" font-size="34" fill="#5b6168">)" +
       xml_escape(view.percent + " · " + view.goal_label) + "</text>";
  s += R"(<rect x="80" y="500" width="1040" height="40" rx="20" fill="#f3e6dc"/>)";
  if (progress.bar_permille > 0) {
    s += R"(<rect x="80" y="500" width=")" + percent_of_width(progress.bar_permille, bar_width) +
         R"(" height="40" rx="20" fill="#c2410c"/>)";
  }
  // Sample numbers say so on the card too; real ones say how long is left.
  const std::string& footer = view.sample_note.empty() ? view.days : view.sample_note;
  s += R"(<text x="80" y="592" font-size="26" fill="#5b6168">)" + xml_escape(footer) + "</text>";
  s += "</g></svg>";
  card.ok = true;
  card.svg = std::move(s);
  return card;
}

}  // namespace kifu
