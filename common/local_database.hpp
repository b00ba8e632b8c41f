#pragma once
// Opening an index that is already there, for reading or before changing
// it, and nothing else: Xapian opens a path of unknown kind by guessing, and
// a file, or a folder with a XAPIANDB file, is a stub whose lines may start
// a program (`remote :PROGRAM`) or open a connection (`remote HOST:PORT`).
// Every idx command that opens an existing index goes through here.

#include <xapian.h>

#include <string>

namespace idx {

// The folder holding the database that `path` names: `path` itself, or for
// a replica folder kept by xapian-replicate the live copy inside it
// (common/replica_stub.hpp), which changes after each full copy. Throws
// idx::Error (ExitCode::usage) for any other stub folder.
std::string live_database_folder(const std::string& path);

// Whether `path` is a folder holding a glass database (or a replica of one): false when nothing is
// there or the folder holds no database. Throws idx::Error for a file or a
// stub folder (ExitCode::usage) and for what cannot be read (ExitCode::io,
// with the reason).
bool local_database_exists(const std::string& path);

// Opens the glass database in the folder `path`, with the glass backend
// named. Throws idx::Error with a sentence the user can act on when there is
// no index at `path` yet (ExitCode::usage), when it is not an index folder
// (usage), or when it cannot be read (ExitCode::io, with the reason).
Xapian::Database open_for_reading(const std::string& path);

}  // namespace idx
