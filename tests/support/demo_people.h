#pragma once
// People, schools and pairs of the Volosovo demo registry (assets/demo/volosovo.json) that
// the sync tests act as.
#include <string>

namespace nastavnik::testing::demo {

inline const std::string kPair1 = "00000000-0000-7000-8000-000400000001";  // Волосовская СОШ № 2 -> № 1
inline const std::string kPair2 = "00000000-0000-7000-8000-000400000002";  // Торосовская ООШ -> Кикеринская СОШ
inline const std::string kSchool1 = "00000000-0000-7000-8000-000200000001";  // low-results school of pair 1
inline const std::string kTeacher1 = "00000000-0000-7000-8000-000300000003";  // teacher, school of pair 1
inline const std::string kTeacher1b = "00000000-0000-7000-8000-000300000005"; // teacher, school of pair 1
inline const std::string kTeacher2 = "00000000-0000-7000-8000-000300000008";  // teacher, school of pair 2
inline const std::string kTutor1 = "00000000-0000-7000-8000-00030000001a";    // tutor of kTeacher1 (pair 1)
inline const std::string kTutor2 = "00000000-0000-7000-8000-00030000001d";    // tutor in pair 2
inline const std::string kMethodologist = "00000000-0000-7000-8000-000300000028";
inline const std::string kMunicipalOffice = "00000000-0000-7000-8000-00030000002a";

}  // namespace nastavnik::testing::demo
