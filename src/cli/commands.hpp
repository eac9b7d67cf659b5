// Commands of the kifu CLI that live outside main.cpp.
#pragma once

#include <string>

#include "progress_view.hpp"

namespace kifu_cli {

// kifu aggregate --campaign DEFINITION --out FEED [options] [FILE...]
int aggregate_command(int argc, char** argv);

// kifu validate FILE --as records --campaign DEFINITION [--format jsonl|csv] [--json]
int validate_records(const std::string& path, const std::string& campaign_path,
                     const std::string& format, bool json);

// kifu validate FILE --as history --campaign DEFINITION (validate_history.cpp)
kifu::Validation validate_history(const std::string& history_json,
                                  const std::string& campaign_json);

// kifu render counter --campaign DEFINITION --feed FEED [...] (render_counter.cpp)
int render_counter_command(int argc, char** argv);

// A file name that says it holds records (.jsonl, .ndjson, .csv).
bool is_records_path(const std::string& path);

}  // namespace kifu_cli
