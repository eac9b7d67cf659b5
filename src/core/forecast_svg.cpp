#include "forecast_svg.hpp"

#include <algorithm>

#include "format.hpp"
#include "scale.hpp"
#include "svg.hpp"

namespace kifu {

namespace {

// The plot area inside the 640 x 360 viewBox; the left margin holds the
// amount labels, the bottom one the dates.
constexpr int left = 76;
constexpr int right = 624;
constexpr int top = 20;
constexpr int bottom = 318;

std::string num(std::int64_t v) {
  return std::to_string(v);
}

struct Frame {
  std::int64_t first_day;
  std::int64_t last_day;
  std::int64_t top_amount;
  std::int64_t x(std::int64_t day) const {
    const std::int64_t d = std::clamp(day, first_day, last_day);
    return left +
           (d - first_day) * (right - left) / std::max<std::int64_t>(last_day - first_day, 1);
  }
  std::int64_t y(std::int64_t amount) const {
    const std::int64_t a = std::clamp<std::int64_t>(amount, 0, top_amount);
    return bottom - *mul_div_floor(a, bottom - top, top_amount);
  }
};

std::string point(const Frame& fr, std::int64_t day, std::int64_t amount) {
  return num(fr.x(day)) + "," + num(fr.y(amount));
}

}  // namespace

std::string forecast_svg(const Campaign& c, const History& h, const Forecast& f, Lang lang,
                         const std::string& summary) {
  const bool ja = lang == Lang::ja;
  Frame fr{days_from_civil(c.start), std::max(f.end_day, f.as_of_day), 1};
  std::int64_t highest = std::max(c.goal, f.raised);
  for (const FanPoint& p : f.fan) highest = std::max(highest, p.p90);
  const AmountScale scale = amount_ticks(highest, c.currency, lang, 5);
  fr.top_amount = scale.top;

  std::string desc =
      ja ? "横軸は日付（" + format_date(civil_from_days(fr.first_day), lang) + "〜" +
               format_date(civil_from_days(fr.last_day), lang) + "）、縦軸は寄付総額。"
         : "Dates from " + format_date(civil_from_days(fr.first_day), lang) + " to " +
               format_date(civil_from_days(fr.last_day), lang) + " across, total raised up.";
  std::string s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"kifu-forecast-chart\" viewBox=\"0 0 " +
      num(forecast_chart_width) + " " + num(forecast_chart_height) +
      "\" role=\"img\" aria-labelledby=\"kifu-fc-title kifu-fc-desc\">"
      "<title id=\"kifu-fc-title\">" +
      xml_escape(summary) + "</title><desc id=\"kifu-fc-desc\">" + xml_escape(desc) + "</desc>";

  // Amount grid and labels.
  s += "<g class=\"kifu-axis\" font-family=\"system-ui, sans-serif\" font-size=\"12\" "
       "fill=\"#57534e\">";
  for (const Tick& t : scale.ticks) {
    const std::string y = num(fr.y(t.value));
    s += "<line class=\"kifu-grid\" x1=\"" + num(left) + "\" x2=\"" + num(right) + "\" y1=\"" + y +
         "\" y2=\"" + y + "\" stroke=\"#e7e5e4\"/><text x=\"" + num(left - 6) + "\" y=\"" + y +
         "\" dy=\"4\" text-anchor=\"end\">" + xml_escape(t.label) + "</text>";
  }
  for (const Tick& t : date_ticks(fr.first_day, fr.last_day, lang, 6)) {
    const std::string x = num(fr.x(t.value));
    s += "<line class=\"kifu-grid\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + num(bottom) +
         "\" y2=\"" + num(bottom + 5) + "\" stroke=\"#a8a29e\"/><text x=\"" + x + "\" y=\"" +
         num(bottom + 20) + "\" text-anchor=\"middle\">" + xml_escape(t.label) + "</text>";
  }
  s += "</g>";

  // The fan: 10th to 90th percentile, from today's total outward.
  if (!f.fan.empty()) {
    std::string band = point(fr, f.as_of_day, f.raised);
    for (const FanPoint& p : f.fan) band += " " + point(fr, p.day, p.p90);
    for (auto it = f.fan.rbegin(); it != f.fan.rend(); ++it)
      band += " " + point(fr, it->day, it->p10);
    s += "<polygon class=\"kifu-fan\" points=\"" + band +
         "\" fill=\"#fdba74\" fill-opacity=\"0.45\"/>";
    std::string median = point(fr, f.as_of_day, f.raised);
    for (const FanPoint& p : f.fan) median += " " + point(fr, p.day, p.p50);
    s += "<polyline class=\"kifu-median\" points=\"" + median +
         "\" fill=\"none\" stroke=\"#ea580c\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>";
  }

  // What came in so far: one point per horizontal unit is all a line can show.
  std::string line;
  std::int64_t total = 0;
  std::int64_t last_x = -1;
  std::string pending;
  for (std::size_t i = 0; i < h.daily.size(); ++i) {
    total += h.daily[i];
    const std::int64_t day = fr.first_day + static_cast<std::int64_t>(i);
    if (day > f.as_of_day) break;
    if (fr.x(day) != last_x && !pending.empty()) line += pending + " ";
    last_x = fr.x(day);
    pending = point(fr, day, total);
  }
  line += pending + (pending.empty() ? "" : " ") + point(fr, f.as_of_day, f.raised);
  s += "<polyline class=\"kifu-total\" points=\"" + line +
       "\" fill=\"none\" stroke=\"#c2410c\" stroke-width=\"3\" stroke-linejoin=\"round\"/>";

  // Goal, milestones, today and the end of the campaign.
  for (const Milestone& m : c.milestones) {
    if (m.amount >= c.goal) continue;
    const std::string y = num(fr.y(m.amount));
    s += "<line class=\"kifu-milestone\" x1=\"" + num(left) + "\" x2=\"" + num(right) + "\" y1=\"" +
         y + "\" y2=\"" + y + "\" stroke=\"#78716c\" stroke-dasharray=\"2 4\"><title>" +
         xml_escape(m.label.in(lang) + " " + format_amount_compact(m.amount, c.currency, lang)) +
         "</title></line>";
  }
  const std::string goal_y = num(fr.y(c.goal));
  const std::string goal_label =
      (ja ? "目標 " : "Goal ") + format_amount_compact(c.goal, c.currency, lang);
  s += "<line class=\"kifu-goal\" x1=\"" + num(left) + "\" x2=\"" + num(right) + "\" y1=\"" +
       goal_y + "\" y2=\"" + goal_y +
       "\" stroke=\"#1c1917\" stroke-width=\"2\"/><text class=\"kifu-goal-label\" x=\"" +
       num(right) + "\" y=\"" + num(fr.y(c.goal) - 6) +
       "\" text-anchor=\"end\" font-family=\"system-ui, sans-serif\" font-size=\"12\" "
       "fill=\"#1c1917\">" +
       xml_escape(goal_label) + "</text>";
  const std::string today_x = num(fr.x(f.as_of_day));
  s += "<line class=\"kifu-today\" x1=\"" + today_x + "\" x2=\"" + today_x + "\" y1=\"" + num(top) +
       "\" y2=\"" + num(bottom) + "\" stroke=\"#a8a29e\" stroke-dasharray=\"3 3\"/>";
  s += "</svg>";
  return s;
}

}  // namespace kifu
