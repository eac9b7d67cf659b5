// `kifu render forecast`: prints the forecast chart the browser shows.
#pragma once

namespace kifu::cli {

// argv[0] is "kifu", argv[1] "render", argv[2] "forecast".
int render_forecast_command(int argc, char** argv);

}  // namespace kifu::cli
