// Embind registrations only: every function here is a core function, bound
// by name. Amounts cross as decimal strings inside the JSON documents and the
// formatted results, never as JavaScript numbers.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <vector>

#include "../core/estimator_view.hpp"
#include "../core/format.hpp"
#include "../core/progress_view.hpp"  // Validation

using namespace emscripten;

namespace {

// Lists cross as plain JavaScript arrays of plain objects, not as Embind
// vectors: register_vector is an Embind class, and any class_ links Embind's
// whole class runtime into the glue (handles, pointer casts, delete()):
// about 2.4 KB gzip of glue for a few lists (measured on kifu-core when it
// bound value_object functions: glue 8.5 -> 6.1 KB, wasm 51.3 -> 50.0 KB gzip).
// Arrays also free the JavaScript side from deleting what it reads.
template <typename>
struct ListMember;
template <typename T, typename Item>
struct ListMember<std::vector<Item> T::*> {
  using Owner = T;
  using Element = Item;
};

template <auto list>
val list_to_js(const typename ListMember<decltype(list)>::Owner& from) {
  return val::array(from.*list);
}
template <auto list>
void list_from_js(typename ListMember<decltype(list)>::Owner& to, val array) {
  to.*list = vecFromJSArray<typename ListMember<decltype(list)>::Element>(array);
}

}  // namespace

// The estimator's module (kifu-estimator). The live totals' module, kifu-core,
// binds the same validation and formatting from the same sources as functions
// returning JSON text (core_bindings.cpp), so a campaign is accepted or
// refused alike by both.

EMSCRIPTEN_BINDINGS(kifu) {
  value_object<kifu::Diagnostic>("Diagnostic")
      .field("pointer", &kifu::Diagnostic::pointer)
      .field("message", &kifu::Diagnostic::message);

  value_object<kifu::Validation>("Validation")
      .field("ok", &kifu::Validation::ok)
      .field("kind", &kifu::Validation::kind)
      .field("errors", &list_to_js<&kifu::Validation::errors>,
             &list_from_js<&kifu::Validation::errors>)
      .field("warnings", &list_to_js<&kifu::Validation::warnings>,
             &list_from_js<&kifu::Validation::warnings>);

  value_object<kifu::FormattedAmount>("FormattedAmount")
      .field("ok", &kifu::FormattedAmount::ok)
      .field("text", &kifu::FormattedAmount::text)
      .field("error", &kifu::FormattedAmount::error);

  value_object<kifu::EstimateRequest>("EstimateRequest")
      .field("campaignJson", &kifu::EstimateRequest::campaign_json)
      .field("feedJson", &kifu::EstimateRequest::feed_json)
      .field("inputsJson", &kifu::EstimateRequest::inputs_json)
      .field("lang", &kifu::EstimateRequest::lang)
      .field("nowUnixMs", &kifu::EstimateRequest::now_unix_ms);

  value_object<kifu::ProgramLine>("ProgramLine")
      .field("id", &kifu::ProgramLine::id)
      .field("name", &kifu::ProgramLine::name)
      .field("unit", &kifu::ProgramLine::unit)
      .field("rule", &kifu::ProgramLine::rule)
      .field("inputError", &kifu::ProgramLine::input_error)
      .field("hasBalance", &kifu::ProgramLine::has_balance)
      .field("result", &kifu::ProgramLine::result)
      .field("detail", &kifu::ProgramLine::detail)
      .field("limit", &kifu::ProgramLine::limit)
      .field("valueNote", &kifu::ProgramLine::value_note)
      .field("needed", &kifu::ProgramLine::needed);

  value_object<kifu::EstimateView>("EstimateView")
      .field("ok", &kifu::EstimateView::ok)
      .field("errors", &list_to_js<&kifu::EstimateView::errors>,
             &list_from_js<&kifu::EstimateView::errors>)
      .field("errorSource", &kifu::EstimateView::error_source)
      .field("programs", &list_to_js<&kifu::EstimateView::programs>,
             &list_from_js<&kifu::EstimateView::programs>)
      .field("targetError", &kifu::EstimateView::target_error)
      .field("total", &kifu::EstimateView::total)
      .field("matched", &kifu::EstimateView::matched)
      .field("impact", &kifu::EstimateView::impact)
      .field("effect", &kifu::EstimateView::effect)
      .field("mix", &kifu::EstimateView::mix)
      .field("taxNote", &kifu::EstimateView::tax_note)
      .field("announcement", &kifu::EstimateView::announcement);

  // One call per keystroke: every field's typed text in, every sentence out.
  function("renderEstimate", &kifu::render_estimate);
  function("validateCampaign", &kifu::validate_campaign);
  function("validateFeed", &kifu::validate_feed);
  function("formatAmount", &kifu::format_amount_text);
}
