// The forecast chart as SVG text: the cumulative total so far, the fan of
// the forecast (10th to 90th percentile, median line), the goal line,
// milestone markers, natural date ticks and round amount ticks, and a
// <title>/<desc> for screen readers. Whole viewBox units only, so native and
// wasm write the same bytes.
#pragma once

#include <string>

#include "campaign.hpp"
#include "forecast.hpp"
#include "history.hpp"

namespace kifu {

inline constexpr int forecast_chart_width = 640;
inline constexpr int forecast_chart_height = 360;

// `summary` is the one-sentence text equivalent (it becomes the <title>).
std::string forecast_svg(const Campaign& campaign, const History& history, const Forecast& f,
                         Lang lang, const std::string& summary);

}  // namespace kifu
