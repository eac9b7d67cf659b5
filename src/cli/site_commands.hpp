// Commands of the kifu CLI that the static site generator
// (build-scripts/lib/site-generator.mjs) calls at build time.
#pragma once

namespace kifu::cli {

// kifu render share --campaign DEFINITION --feed FEED [--lang ja|en] [--now RFC3339-TIME]
// The 1200×630 social card as SVG (with `kifu render --png`: as PNG).
int render_share_command(int argc, char** argv);

// kifu render facts --campaign DEFINITION --feed FEED [--lang ja|en]
// The page's formatted figures beside the widget's view, as JSON: goal,
// dates, milestones (reached or not) and the channel breakdown.
int render_facts_command(int argc, char** argv);

// Runs `render(argc, argv)` and, when argv holds --png, converts the SVG it
// prints to PNG through rsvg-convert (Debian: librsvg2-bin) instead.
int with_png(int argc, char** argv, int (*render)(int, char**));

}  // namespace kifu::cli
