// Progress of a campaign at a moment: the numbers every view is made from.
#pragma once

#include <cstdint>
#include <optional>

#include "campaign.hpp"
#include "feed.hpp"

namespace kifu {

enum class Phase { before_start, running, last_day, ended };

struct Progress {
  std::int64_t raised;
  std::int64_t goal;
  // floor(raised * 1000 / goal). Past the goal it keeps counting (1123 is
  // 112.3%): the number shows the real figure while the bar stops at full.
  std::int64_t permille;
  int bar_permille;        // permille clamped to 0..1000
  std::int64_t remaining;  // 0 once the goal is reached
  bool goal_reached;
  int milestones_reached;                     // count of milestones with amount <= raised
  std::optional<std::size_t> next_milestone;  // index into campaign.milestones
  std::int64_t to_next_milestone;             // 0 when there is none
  Phase phase;
  std::int64_t days;  // before_start: days until start; running: days left
                      // including today; last_day: 1; ended: 0
  std::int64_t donors;
  std::int64_t donations;
};

Progress compute_progress(const Campaign& campaign, const Feed& feed, std::int64_t now_unix);

}  // namespace kifu
