// Embind registrations of the forecast module (kifu-forecast.mjs), which
// runs in a Web Worker beside the page's main module. A separate module
// because the main one is shared by every widget on a page and must stay
// small, while this one carries the simulation built for speed (-O2, wasm
// SIMD). Bindings only: every name here is a core function or class.
#include <emscripten/bind.h>

#include "../core/forecast_bench.hpp"
#include "../core/forecast_view.hpp"

using namespace emscripten;

EMSCRIPTEN_BINDINGS(kifu_forecast) {
  value_object<kifu::Diagnostic>("Diagnostic")
      .field("pointer", &kifu::Diagnostic::pointer)
      .field("message", &kifu::Diagnostic::message);
  register_vector<kifu::Diagnostic>("DiagnosticList");
  register_vector<std::string>("StringList");

  value_object<kifu::ForecastRequest>("ForecastRequest")
      .field("campaignJson", &kifu::ForecastRequest::campaign_json)
      .field("feedJson", &kifu::ForecastRequest::feed_json)
      .field("historyJson", &kifu::ForecastRequest::history_json)
      .field("lang", &kifu::ForecastRequest::lang)
      .field("seed", &kifu::ForecastRequest::seed)
      .field("paths", &kifu::ForecastRequest::paths)
      .field("nowUnixMs", &kifu::ForecastRequest::now_unix_ms);

  value_object<kifu::ForecastView>("ForecastView")
      .field("ok", &kifu::ForecastView::ok)
      .field("errors", &kifu::ForecastView::errors)
      .field("errorSource", &kifu::ForecastView::error_source)
      .field("lang", &kifu::ForecastView::lang)
      .field("status", &kifu::ForecastView::status)
      .field("title", &kifu::ForecastView::title)
      .field("headline", &kifu::ForecastView::headline)
      .field("chance", &kifu::ForecastView::chance)
      .field("details", &kifu::ForecastView::details)
      .field("basis", &kifu::ForecastView::basis)
      .field("sampleNote", &kifu::ForecastView::sample_note)
      .field("svg", &kifu::ForecastView::svg)
      .field("pathsDone", &kifu::ForecastView::paths_done)
      .field("pathsTotal", &kifu::ForecastView::paths_total)
      .field("finished", &kifu::ForecastView::finished);

  class_<kifu::ForecastSession>("ForecastSession")
      .constructor<const kifu::ForecastRequest&>()
      .function("advance", &kifu::ForecastSession::advance)
      .function("finished", &kifu::ForecastSession::finished)
      .function("view", &kifu::ForecastSession::view);

  function("renderForecast", &kifu::render_forecast);
  function("benchKernel", &kifu::bench_kernel);
}
