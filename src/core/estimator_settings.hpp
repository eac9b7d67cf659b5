// What a campaign definition tells the points estimator: its point programs,
// a sponsor match, impact units and a note about tax. Read with the rest of
// the definition by parse_campaign (Campaign::estimator is never null after a
// successful parse).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "impact.hpp"
#include "matching.hpp"
#include "point_program.hpp"

namespace kifu {

struct EstimatorSettings {
  std::vector<PointProgram> programs;
  std::optional<Matching> matching;
  std::vector<ImpactUnit> impact_units;
  // Shown beside every points estimate: points donations are usually made in
  // the card company's name, so the member gets no tax deduction.
  std::optional<LocalizedText> tax_note;
};

std::shared_ptr<const EstimatorSettings> read_estimator_settings(detail::FieldReader& campaign,
                                                                 const Currency* currency);

}  // namespace kifu
