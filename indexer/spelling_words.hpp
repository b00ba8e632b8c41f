#pragma once
// The words of a title that go into Xapian's spelling table ("Did you
// mean"): Xapian's own word splitting, lower-cased, unstemmed, three letters
// or more, no digits. The indexer adds them for a new document and removes
// the same words for the document it replaces or deletes, so the table
// counts only what the index holds.

#include <xapian.h>

#include <string>
#include <vector>

namespace idx::indexer {

class SpellingWords {
public:
    std::vector<std::string> of_title(const std::string& title);

private:
    Xapian::TermGenerator m_words;  // unstemmed, no positions
};

}  // namespace idx::indexer
