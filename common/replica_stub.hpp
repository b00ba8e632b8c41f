#pragma once
// A replica folder, as xapian-replicate keeps it: a XAPIANDB stub file that
// names the live copy, and the copies `replica_0` and `replica_1` beside it.
// After a full copy the replicator writes the other copy, points the stub at
// it and deletes the old one, so a reader must follow the stub each time it
// opens. Any other stub stays refused (common/local_database.hpp says why):
// only this exact shape is a replica.

#include <optional>
#include <string>
#include <string_view>

namespace idx {

// The live copy's folder name ("replica_0" or "replica_1") when `stub_text`
// is a replica stub: comment lines, blank lines and exactly one line
// `auto replica_0` or `auto replica_1`. nullopt for anything else (a
// `remote` line, another backend or path, a second database line).
std::optional<std::string> replica_live_copy(std::string_view stub_text);

}  // namespace idx
