#include "svg.hpp"

#include "format.hpp"

namespace kifu {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f) {
          out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 has no way to write these
        } else {
          out += ch;
        }
    }
  }
  return out;
}

namespace {

std::string num(std::int64_t v) {
  return std::to_string(v);
}

std::string milestone_title(const Campaign& c, const Milestone& m, Lang lang) {
  return xml_escape(m.label.in(lang) + " " + format_amount_compact(m.amount, c.currency, lang));
}

}  // namespace

// The bar is 1000 units wide so that permille maps to whole units, and it
// stretches to the width of its box (preserveAspectRatio="none"); strokes
// keep their width with non-scaling-stroke. Colours are attributes so the
// SVG stands alone (prerendered pages, share images); the widget's CSS
// overrides them through the class names.
std::string progress_bar_svg(const Campaign& campaign, const Progress& p, Lang lang) {
  std::string s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kifu-bar\" viewBox=\"0 0 1000 24\" "
      "preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">"
      "<rect class=\"kifu-track\" x=\"0\" y=\"4\" width=\"1000\" height=\"16\" fill=\"#e7e5e4\"/>"
      "<rect class=\"kifu-fill\" x=\"0\" y=\"4\" width=\"" +
      num(p.bar_permille) + "\" height=\"16\" fill=\"#c2410c\"/>";
  for (const Milestone& m : campaign.milestones) {
    if (m.amount >= campaign.goal) continue;  // the goal is the bar's end
    const std::int64_t x = *mul_div_floor(m.amount, 1000, campaign.goal);
    const bool reached = m.amount <= p.raised;
    s += "<line class=\"kifu-milestone" + std::string(reached ? " kifu-reached" : "") + "\" x1=\"" +
         num(x) + "\" x2=\"" + num(x) +
         "\" y1=\"0\" y2=\"24\" stroke=\"#44403c\" stroke-width=\"2\" "
         "vector-effect=\"non-scaling-stroke\"><title>" +
         milestone_title(campaign, m, lang) + "</title></line>";
  }
  s += "</svg>";
  return s;
}

// A circle's dash pattern measured with pathLength="1000" draws the arc in
// permille without any trigonometry, so every build draws identical bytes.
std::string progress_ring_svg(const Campaign&, const Progress& p, Lang) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kifu-ring\" viewBox=\"0 0 120 120\" "
         "aria-hidden=\"true\" focusable=\"false\">"
         "<circle class=\"kifu-track\" cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" "
         "stroke=\"#e7e5e4\" stroke-width=\"12\"/>"
         "<circle class=\"kifu-fill\" cx=\"60\" cy=\"60\" r=\"52\" fill=\"none\" "
         "stroke=\"#c2410c\" "
         "stroke-width=\"12\" pathLength=\"1000\" stroke-dasharray=\"" +
         num(p.bar_permille) +
         " 1000\" transform=\"rotate(-90 60 60)\"/>"
         "<text class=\"kifu-ring-label\" x=\"60\" y=\"67\" text-anchor=\"middle\" "
         "font-size=\"20\" font-family=\"system-ui, sans-serif\" fill=\"currentColor\">" +
         xml_escape(format_percent(p.permille)) + "</text></svg>";
}

// The tube is 1000 units tall so that permille maps to whole units, as in
// the bar; it keeps its aspect ratio (a stretched bulb would be an egg).
std::string progress_thermometer_svg(const Campaign& campaign, const Progress& p, Lang lang) {
  std::string s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kifu-thermometer\" "
      "viewBox=\"0 0 100 1240\" aria-hidden=\"true\" focusable=\"false\">"
      "<rect class=\"kifu-track\" x=\"30\" y=\"20\" width=\"40\" height=\"1080\" rx=\"20\" "
      "fill=\"#e7e5e4\"/>"
      "<circle class=\"kifu-track\" cx=\"50\" cy=\"1160\" r=\"70\" fill=\"#e7e5e4\"/>"
      "<rect class=\"kifu-fill\" x=\"38\" y=\"" +
      num(1040 - p.bar_permille) + "\" width=\"24\" height=\"" + num(p.bar_permille + 80) +
      "\" fill=\"#c2410c\"/>"
      "<circle class=\"kifu-fill\" cx=\"50\" cy=\"1160\" r=\"56\" fill=\"#c2410c\"/>";
  for (const Milestone& m : campaign.milestones) {
    if (m.amount >= campaign.goal) continue;  // the goal is the tube's top
    const std::int64_t y = 1040 - *mul_div_floor(m.amount, 1000, campaign.goal);
    const bool reached = m.amount <= p.raised;
    s += "<line class=\"kifu-milestone" + std::string(reached ? " kifu-reached" : "") +
         "\" x1=\"74\" x2=\"96\" y1=\"" + num(y) + "\" y2=\"" + num(y) +
         "\" stroke=\"#44403c\" stroke-width=\"8\"><title>" + milestone_title(campaign, m, lang) +
         "</title></line>";
  }
  s += "</svg>";
  return s;
}

}  // namespace kifu
