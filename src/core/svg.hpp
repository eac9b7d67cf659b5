// The progress graphics as SVG text, drawn in whole viewBox units so that the
// native prerender and the browser produce the same bytes.
#pragma once

#include <string>
#include <string_view>

#include "campaign.hpp"
#include "progress.hpp"

namespace kifu {

// Escapes text for XML content and attribute values, and replaces characters
// XML 1.0 cannot hold at all (most control characters) with U+FFFD.
std::string xml_escape(std::string_view text);

// A horizontal bar with a tick for each milestone up to the goal.
std::string progress_bar_svg(const Campaign& campaign, const Progress& progress, Lang lang);
// A ring that fills clockwise from the top, with the percent in its centre.
std::string progress_ring_svg(const Campaign& campaign, const Progress& progress, Lang lang);
// An upright thermometer that fills from the bulb, with a tick for each
// milestone up to the goal.
std::string progress_thermometer_svg(const Campaign& campaign, const Progress& progress, Lang lang);

}  // namespace kifu
