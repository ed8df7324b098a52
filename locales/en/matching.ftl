# Matching: suggestions, "why not?", assigning, ending, the helpers' own lists, e-mails.
nav-my-mentees = My mentees
nav-my-referrals = My referrals

match-link = Suggestions
match-title = Suggestions for { $name }
match-kinds-label = Kind of helper
match-kind-site = Placement sites
match-kind-mentor = Mentors
match-kind-psychologist = Psychologists and social workers
match-help = Only candidates that pass every restriction and have a free place are suggested, best first. Each one lists why it fits. Ask "why not?" about any other candidate.
match-empty = No candidate of this kind passes every constraint now. Ask "why not?" about one you expected to see.
match-distance = { $km } km
match-free-places-site = { $count ->
    [one] 1 free place at the client's times
   *[other] { $count } free places at the client's times
}
match-free-places-mentor = { $count ->
    [one] room for 1 more mentee
   *[other] room for { $count } more mentees
}
match-free-places-psychologist = { $count ->
    [one] room for 1 more client
   *[other] room for { $count } more clients
}
match-score = match { $score } %
match-reasons-label = Why this candidate fits
match-assign = Assign
match-referral-reason = Reason for the referral
match-refused = { $name } was not assigned:
match-why-title = Why not …?
match-why-candidate = Candidate (nearest first)
match-why-search = Or find by name
match-why-search-hint = Part of the name; one match is explained at once.
match-why-submit = Explain
match-why-unknown = This is not an active candidate of this kind (unknown, inactive, or without a location).
match-why-suggested = { $name } is suggested: number { $rank } in the ranking, match { $score } %.
match-why-suggested-far = { $name } passes every constraint (match { $score } %) but ranks below the first 200.
match-why-current = { $name } already helps this client, so it is not suggested again.
match-why-excluded = { $name } is not suggested because:
match-map-title = Map
match-map-label = Map of the client's home, areas and candidates
match-map-km = km
match-map-excluded = excluded
match-legend-candidate = Suggested candidate
match-legend-excluded = Candidate asked about, excluded

match-list-and = { $first } and { $last }
match-day-0 = Mon
match-day-1 = Tue
match-day-2 = Wed
match-day-3 = Thu
match-day-4 = Fri
match-day-5 = Sat
match-day-6 = Sun
match-part-morning = { $count ->
    [one] morning
   *[other] mornings
}
match-part-afternoon = { $count ->
    [one] afternoon
   *[other] afternoons
}
match-part-evening = { $count ->
    [one] evening
   *[other] evenings
}
match-days-parts = { $days } { $parts }

match-reason-distance = { $km } km away
match-reason-remote = works remotely, so distance does not matter
match-reason-availability = both free { $when } ({ $hours } h a week)
match-reason-language-preferred = speaks { $language }, the client's first language
match-reason-language = speaks { $language }
match-reason-skills-site = the site teaches or uses: { $skills }
match-reason-skills = shares skills: { $skills }
match-reason-specialties = specialises in { $needs }
match-reason-continuity = has helped this client before

match-excl-unknown = not an active candidate of this kind (unknown, inactive or without a location)
match-excl-inactive = not active or not approved (a lapsed vetting counts)
match-excl-full-site = no free place at the times the client is available
match-excl-full-mentor = already mentors as many clients as agreed
match-excl-full-psychologist = the caseload is full
match-excl-too-far = { $km } km away, beyond the client's travel limit of { $limit } km
match-excl-beyond-radius = { $km } km away, beyond the volunteer's own travel distance of { $limit } km
match-excl-outside-area = outside the client's permitted area
match-excl-zone = inside the client's exclusion zone no. { $zone }
match-excl-zone-note = inside the client's exclusion zone “{ $note }”
match-excl-flag-children = children are present, and the client must not work with children
match-excl-flag-vulnerable = vulnerable adults are present, and the client must not work with them
match-excl-flag-alone = the work is done alone, and the client must not work alone
match-excl-flag-heavy = the work is heavy physical work, which the client must not do
match-excl-driving = the work needs driving, and the client may not drive
match-excl-barred = the work includes { $work }, which the client is barred from
match-excl-language = no language in common
match-excl-availability = no weekly time when both are free
match-excl-specialty = the specialties cover none of the client's needs
match-refusal-full = No place is left: it was taken in the meantime.
match-refusal-already = The client already has this helper.

# Names as they read inside a sentence (reasons and exclusions).
match-need-employment = employment
match-need-education = education
match-need-housing = housing
match-need-addiction = addiction
match-need-mental_health = mental health
match-need-family = family matters
match-need-debt = debt
match-need-community_ties = community ties
match-lang-az = Azerbaijani
match-lang-ru = Russian
match-lang-en = English
match-lang-tr = Turkish
match-lang-ka = Georgian
match-lang-hy = Armenian
match-lang-fa = Persian
match-lang-lez = Lezgian
match-work-cleaning = cleaning
match-work-gardening = gardening and parks
match-work-construction = construction
match-work-repair = repair and maintenance
match-work-kitchen = kitchen and food work
match-work-warehouse = warehouse and sorting work
match-work-office = office work
match-work-care_elderly = care for the elderly
match-work-care_disabled = care for people with disabilities
match-work-childcare = childcare
match-work-education = education and libraries
match-work-driving = driving
match-work-animal_care = animal care
match-work-community_events = community events
match-work-sports = sports facilities
match-work-retail = charity shops and retail
error-match-kind = Choose site, mentor or psychologist.
error-match-candidate = Choose a candidate from the list.
error-assignment-ended = This assignment has already ended.

flash-match-assigned-placement = The placement was made. The coordinator and the site's supervisors are notified by e-mail.
flash-match-assigned-mentoring = The mentor was assigned and notified by e-mail.
flash-match-assigned-referral = The referral was made and the professional notified by e-mail.
flash-assignment-ended = The assignment was ended; its place is free again.

match-assignments-title = Placements, mentors and referrals
match-no-assignments = None yet.
match-assignment-kind-placement = Placement
match-assignment-kind-mentoring = Mentor
match-assignment-kind-referral = Referral
match-assignment-status-active = current
match-assignment-status-ended = ended
match-assignment-status-pending = pending
match-assignment-status-accepted = accepted
match-assignment-status-declined = declined
match-assignment-status-closed = closed
match-assignment-since = since { $date }
match-assignment-ended-on = ended { $date }
match-end = End
match-end-title = End an assignment
match-end-intro = End the { $kind } with { $helper } for { $name }. The place becomes free for others.
match-end-reason = Reason for ending
match-end-hint = For example: hours completed, moved away, mentor withdrew.

mentees-title = My mentees
mentees-help = The clients you mentor now. Your coordinator arranges meetings and tells you what you need to know.
mentees-empty = You have no mentees at the moment.
mentees-since = since { $date }
mentees-coordinator = Coordinator
referrals-title = My referrals
referrals-help = Clients referred to you that are waiting for you or in your care.
referrals-empty = You have no open referrals.
referrals-since = referred on { $date }
referrals-reason = Reason

mail-assign-coordinator-subject = { $client }: { $helper } assigned
mail-assign-coordinator-body = { $client } now has { $kind }: { $helper }. The others concerned were notified.
mail-assign-open-client = Open the client's record
mail-assign-supervisor-subject = New placement at { $site }
mail-assign-supervisor-body = { $client } is placed at { $site } from { $date } for community service.
mail-assign-supervisor-times = Weekly times:
mail-assign-supervisor-list = The list of clients at your sites shows what you need to know, such as kinds of work they must not be given.
mail-assign-open-list = Open the list
mail-assign-mentor-subject = You have a new mentee
mail-assign-mentor-body = { $client } is your new mentee. Your coordinator { $coordinator } ({ $email }) will contact you to arrange the first meeting.
mail-assign-open-mentees = See your mentees
mail-assign-psychologist-subject = New referral: { $client }
mail-assign-psychologist-body = { $client } has been referred to you by { $coordinator } ({ $email }).
mail-assign-psychologist-reason = Reason for the referral:
mail-assign-open-referrals = See your referrals
mail-assign-kind-placement = a placement
mail-assign-kind-mentoring = a mentor
mail-assign-kind-referral = a referral
mail-ended-subject-placement = Placement ended: { $client } at { $site }
mail-ended-subject-mentoring = Mentoring ended: { $client }
mail-ended-subject-referral = Referral closed: { $client }
mail-ended-body-placement = From { $date }, { $client } no longer works at { $site }: the placement has ended.
mail-ended-body-mentoring = Your mentoring of { $client } ended on { $date }. Thank you for your help.
mail-ended-body-referral = The referral of { $client } to you was closed on { $date }.
mail-ended-coordinator-subject = { $client }: assignment to { $helper } ended
mail-ended-coordinator-body-placement = { $by } ended the placement of { $client } at { $helper } on { $date }.
mail-ended-coordinator-body-mentoring = { $by } ended the mentoring of { $client } by { $helper } on { $date }.
mail-ended-coordinator-body-referral = { $by } closed the referral of { $client } to { $helper } on { $date }.
mail-ended-reason = Reason:
mail-ended-others = The others concerned were notified.
match-batch-pending-site = A batch run proposes a placement site for this client; review it in
match-batch-pending-mentor = A batch run proposes a mentor for this client; review it in
