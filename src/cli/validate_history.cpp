// kifu validate FILE --as history --campaign DEFINITION: the daily history a
// feed links to is read against its campaign (its days, currency and id), as
// the forecast reads it.
#include "campaign.hpp"
#include "commands.hpp"
#include "history.hpp"

namespace kifu_cli {

kifu::Validation validate_history(const std::string& history_json,
                                  const std::string& campaign_json) {
  auto campaign = kifu::parse_campaign(campaign_json);
  if (!campaign.ok()) {
    kifu::Validation v{false, "history", {}, {}};
    for (auto e : campaign.diagnostics.errors) {
      e.message = "the campaign definition the history is checked against is invalid: " + e.message;
      v.errors.push_back(std::move(e));
    }
    return v;
  }
  auto parsed = kifu::parse_history(history_json, *campaign.value);
  return {parsed.ok(), "history", parsed.diagnostics.errors, parsed.diagnostics.warnings};
}

}  // namespace kifu_cli
