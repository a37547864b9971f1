#pragma once
// A larger municipality for nastavnik-load and the field tests: the Volosovo demo registry repeated `copies`
// times in one municipality. Copy 0 is the registry itself; in copy k every school, person,
// pair, assignment and roadmap event gets a new id (its first eight hex digits replaced by
// k) and every reference inside the copy follows, so each copy is a district of its own
// with the same shape. The municipality record is shared.
//
// Why: with the demo registry alone, a thousand devices means some thirty laptops for each
// of the thirty people of five pairs, and every device receives every session of its pair.
// Spread over copies, a device stands for one person, as in a real large district.

#include <filesystem>
#include <string>

namespace nastavnik::testing {

// Writes the registry of `copies` copies of `source` (an import-registry file) to `target`;
// throws std::runtime_error when a file cannot be read or written.
void write_registry_copies(const std::filesystem::path& source, int copies, const std::filesystem::path& target);
// The id a registry record of copy 0 has in copy `copy`.
std::string id_in_copy(const std::string& id, int copy);

}  // namespace nastavnik::testing
