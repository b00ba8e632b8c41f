#pragma once
// A message about one file, the one type every part of the indexer reports
// in (the walk, the parser, the sync): an error, a warning, or why a file was
// skipped. Printed for people as `PATH[:LINE]: message`.

#include <string>

namespace idx::indexer {

struct FileMessage {
    std::string path;
    int line = 0;  // 1-based line in the file; 0 when it concerns the whole file
    std::string message;
};

}  // namespace idx::indexer
