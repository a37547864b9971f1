#pragma once
// The preset dictionary op bodies are deflated with (stored_op_body.h): what every op's JSON
// shares — the schema's enum values, field names and entity names as they appear in an op,
// and the op's own keys — ordered so that the most common comes last, nearest to the text.
// Frozen: a body deflated with it can only be inflated with it, so a new dictionary gets a
// new version byte and this one stays as it is.

#include <string_view>

namespace nastavnik {

inline constexpr std::string_view kOpBodyDictionaryV1 =
    "\"leader_leader\",\"teacher_teacher\",\"seminar\",\"webinar\",\"open_lesson\",\"business_game\",\"rou"
    "nd_table\",\"master_class\",\"consultation\",\"internship\",\"joint_council\",\"school_visit\",\"pla"
    "nned\",\"done\",\"cancelled\",\"online\",\"offline\",\"conclusion\",\"recommendation\",\"decision\",\"ho"
    "rizontal\",\"vertical\",\"concentrated\",\"distributed\",\"low\",\"medium\",\"high\",\"open\",\"mitigati"
    "ng\",\"closed\",\"teacher\",\"tutor\",\"mentor\",\"school_admin\",\"methodologist\",\"municipal_office"
    "\",\"draft\",\"active\",\"completed\",\"theory\",\"positive_experience\",\"trial_lessons\",\"joint_ana"
    "lysis\",\"recommendations\",\"individual_trials\",\"mentoring_groups\",\"joint_summary\",\"name\":\""
    "\"region\":\"\"municipality_id\":\"\"short_name\":\"\"low_results\":\"\"difficult_social\":\"\"leader\":\""
    "\"resource_center\":\"\"ior\":\"\"ior_quartile\":\"\"social_index\":\"\"address\":\"\"full_name\":\"\"schoo"
    "l_id\":\"\"roles\":\"\"subject\":\"\"position\":\"\"low_school_id\":\"\"partner_school_id\":\"\"problem_zo"
    "nes\":\"\"topics\":\"\"model\":\"\"direction\":\"\"agreement_number\":\"\"agreement_date\":\"\"period_star"
    "t\":\"\"period_end\":\"\"pair_id\":\"\"kind\":\"\"mentor_id\":\"\"mentee_ids\":\"\"mode\":\"\"start_date\":\"\"t"
    "itle\":\"\"planned_date\":\"\"format\":\"\"responsible_id\":\"\"participants\":\"\"status\":\"\"report\":\"\""
    "visitor_id\":\"\"teacher_id\":\"\"host_school_id\":\"\"date\":\"\"grade\":\"\"purpose\":\"\"protocol_id\":\""
    "\"protocol_version\":\"\"scores\":\"\"strengths\":\"\"recommendations\":\"\"follow_up_date\":\"\"mentees"
    "\":\"\"duration_min\":\"\"stage\":\"\"topic\":\"\"notes\":\"\"agreed_actions\":\"\"next_date\":\"\"reflection"
    "\":\"\"satisfaction\":\"\"instrument_id\":\"\"instrument_version\":\"\"person_id\":\"\"answers\":\"\"defic"
    "its\":\"\"tutor_id\":\"\"route_id\":\"\"deficit\":\"\"due_date\":\"\"done\":\"\"note\":\"\"author_id\":\"\"summa"
    "ry\":\"\"indicator\":\"\"period\":\"\"value\":\"\"description\":\"\"likelihood\":\"\"impact\":\"\"mitigation\""
    ":\"\"owner_id\":\"\"review_date\":\"\"text\":\"\"document\":\"\"e\":\"municipality\",\"f\":{\"\"e\":\"school\",\""
    "f\":{\"\"e\":\"person\",\"f\":{\"\"e\":\"pair\",\"f\":{\"\"e\":\"assignment\",\"f\":{\"\"e\":\"roadmap_event\",\"f\":"
    "{\"\"e\":\"lesson_visit\",\"f\":{\"\"e\":\"mentoring_session\",\"f\":{\"\"e\":\"self_assessment\",\"f\":{\"\"e\""
    ":\"individual_route\",\"f\":{\"\"e\":\"route_step\",\"f\":{\"\"e\":\"pair_review\",\"f\":{\"\"e\":\"indicator_"
    "value\",\"f\":{\"\"e\":\"programme_risk\",\"f\":{\"\"e\":\"period_note\",\"f\":{\"\"-\":{\"],\"b\":{\"_record\":\""
    "],\"k\":\"d\"}{\"+\":{\"mentees\":[\"\",\"],\"a\":\"\",\"created_by\":\"\",\"h\":\"-0000-\",\"i\":\"-7\",\"k\":\"u\"}";

}  // namespace nastavnik
