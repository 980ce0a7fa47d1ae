#!/usr/bin/env bash
# Rebuild the worked example, sessions/northwind-health/, with the product's own commands and
# the bundled playbooks as they are now: the kick-off (2026-11-19, kotter-alignment), the
# follow-up (2026-12-03, kotter-alignment, from the kick-off's whole state) and a health
# check (2027-01-14, alignment-health-check); it closes each, which writes its minutes, then
# writes programme.md and programme.html. A test checks that every session ran the bundled
# playbook as it is (same version, same text), so change a bundled playbook, then rebuild:
#
#   rm sessions/northwind-health/*; docs/worked-example.sh   (after `make run` or `make test`)
#
# It refuses to run when a session exists already: delete the folder's files first.
set -euo pipefail
cd "$(dirname "$0")/.."
coalition() { .venv/bin/coalition --workspace . "$@"; }
client="Northwind Health"
folder=sessions/northwind-health
for name in 2026-11-19-guiding-coalition-kick-off 2026-12-03-follow-up 2027-01-14-health-check; do
  if [ -e "$folder/$name.json" ]; then
    echo "$folder/$name.json exists; delete the files in $folder to rebuild." >&2
    exit 1
  fi
done

# -- the kick-off: the guiding coalition's first session ----------------------------------
coalition new --client "$client" --title "Guiding coalition kick-off" --date 2026-11-19 \
  --facilitator "Fran Okafor" --playbook kotter-alignment
k=2026-11-19-guiding
coalition add $k participant "Maria Lopez" --role "Chief Operating Officer" --side business \
  --has leadership,power
coalition add $k participant "Dev Patel" --role CIO --side it --has expertise,leadership,power
coalition add $k participant "Grace Kim" --role "Head of Patient Access" --side business \
  --has credibility,expertise
coalition add $k participant "Tom Berg" --role "Service management lead" --side it \
  --has credibility,expertise
coalition add $k participant "Ana Silva" --role Consultant --side external --has expertise
coalition add $k decision "The opportunity we rally around: book any referral within 48 hours" \
  --owner maria --owner dev --why "Referral delays cost the most patients and the most revenue" \
  --step urgency
coalition add $k decision \
  "The coalition meets every two weeks for 90 minutes, chaired by the COO" --owner maria \
  --step coalition
coalition add $k decision \
  "Replace ticket counts in the board report with 'referrals booked within 48 hours'" \
  --owner dev --owner grace --why "The board steers on patient outcomes, not on IT activity" \
  --step reporting
coalition add $k action "Collect 6 months of referral waiting-time data per clinic" \
  --owner grace --due 2026-12-03 --step urgency
coalition add $k action "Invite the CFO's deputy to join the coalition" --owner maria \
  --due 2026-11-26 --step coalition
coalition add $k action \
  "Map the systems behind each referral stage (EPR, e-referral portal, call-centre telephony)" \
  --owner tom --due 2026-12-10 --step value-streams
coalition add $k action "Draft the new board metric and its data source" --owner dev \
  --step reporting  # no due date: the follow-up drops it for one that has one
coalition add $k action "Self-service password reset pilot on two wards" --owner tom \
  --due 2026-12-17 --step irritants
coalition add $k action "Book the next session for 2026-12-03" --owner "Fran Okafor" \
  --due 2026-11-21 --step close
coalition add $k irritant "Password resets for clinical staff take 3 days" --votes 7 \
  --irritates Clinicians --service "Service desk" --owner tom --step irritants
coalition add $k irritant "Call-centre agents retype referral data from the portal into the EPR" \
  --votes 5 --irritates "Call-centre agents" --service "e-referral portal" --step irritants
coalition add $k irritant "Nobody tells clinics when planned downtime is scheduled" --votes 3 \
  --irritates "Clinic managers" --service "Change management" --step irritants
coalition add $k metric "Server uptime (99.95 %)" --audience Board --goal "Patient access" \
  --verdict replace --replacement "Referrals booked within 48 hours" --step reporting
coalition add $k metric "Service desk ticket counts" --audience Board --verdict retire \
  --step reporting
coalition add $k metric "Mean time to restore the EPR" --audience "Service management" \
  --audience-side it --goal "Clinical safety" --verdict keep --step reporting
coalition add $k metric "Referral-to-appointment time" --audience COO \
  --metric-kind business-outcome --goal "Patient access" --verdict keep --step reporting
coalition add $k note "No open actions yet: this is the first session of the series." \
  --step review
coalition add $k note \
  "Patients wait 9 days on average for a referral appointment; competitors book in 2." \
  --step urgency
coalition add $k note "Finance is missing from the coalition; procurement too." --step coalition
coalition add $k note \
  "Referral-to-appointment stages: referral received | triage | slot offered | booked | seen." \
  --step value-streams
coalition add $k note \
  "The monthly IT report to the board shows server uptime and ticket counts; nobody reads it." \
  --step reporting
coalition add $k note "Agreed to announce each removed irritant in the staff newsletter." \
  --step wins
coalition add $k stream "Referral to appointment" --step value-streams
coalition stage $k V-1 "Referral received" --systems "e-referral portal, EPR" \
  --business-owner Grace --it-owner Tom --pain "Faxed referrals still arrive"
coalition stage $k V-1 Triage --systems EPR --business-owner Grace --it-owner Dev \
  --pain "Triage queue not visible to clinics"
coalition stage $k V-1 "Slot offered" --systems "Scheduling system, call-centre telephony" \
  --it-owner Tom --pain "Agents retype referral data"
coalition stage $k V-1 Booked --systems "Scheduling system, SMS reminders" \
  --business-owner Maria --it-owner Tom
coalition stage $k V-1 Seen --business-owner Maria
# Kotter's urgency test among the four managers (Ana, the consultant, does not vote)
coalition add $k hands "3/4 Is business as usual more dangerous than the change?" \
  --step urgency
coalition close $k

# -- the follow-up: two weeks later, from the kick-off's whole state ----------------------
coalition new --client "$client" --title "Follow-up" --date 2026-12-03 \
  --facilitator "Fran Okafor" --playbook kotter-alignment
f=follow-up
for member in P-1 P-2 P-3 P-4; do coalition mark $f $member present; done  # Ana is away
coalition mark $f A-1 done
coalition mark $f A-6 done  # A-2 (invite the CFO's deputy) is still open: it slips
coalition mark $f A-4 dropped
coalition add $f action "Draft the new board metric, with its data source" --owner dev \
  --due 2026-12-17 --step review  # replaces A-4, which had no date
coalition add $f decision "The coalition meets weekly until the board metric is live" \
  --owner maria --supersedes D-2 --why "Two weeks is too slow while the metric is built" \
  --step consolidate
coalition mark $f I-1 being-removed
coalition mark $f I-3 removed
coalition add $f irritant "Clinic managers cannot see referral queue lengths" --votes 4 \
  --irritates "Clinic managers" --service "Patient access" --step irritants
coalition add $f action "Tell clinics about planned downtime through the clinic bulletin" \
  --owner tom --due 2026-12-10 --step irritants
coalition add $f win "Waiting-time data for all 14 clinics collected in two weeks" \
  --owner grace --step wins
coalition add $f note "Finance now sees the cost of the 3-day password resets" --step urgency
coalition add $f note "Ana is away; the CFO's deputy has still not been invited (A-2)" \
  --step coalition
coalition add $f note "Triage runs on the EPR and the e-referral portal; Grace and Tom own it" \
  --step value-streams
coalition add $f note "The board pack still leads with uptime until the new metric is live" \
  --step reporting
coalition add $f note "Next: an alignment health check on 2027-01-14" --step close
coalition add $f participant "Sam Reed" --role "Ward nurse, volunteer" --side business
coalition add $f hands "4/4 Is business as usual more dangerous than the change?" \
  --step urgency  # asked again: a show of hands is not carried forward
coalition stage $f V-1 Triage --systems "EPR, e-referral portal" --business-owner Grace \
  --it-owner Tom
coalition add $f metric "Change success rate" --audience "Change advisory board" \
  --audience-side it --verdict keep --step reporting  # kept; nobody could name its goal yet
# Tom: an EPR outage went round incident, problem and change three times last month
coalition add $f stream "Detect to correct (EPR outages)" --step value-streams
coalition stage $f V-2 Incident --systems "ITSM tool, EPR monitoring" --business-owner Grace \
  --it-owner Tom --pain "Clinics hear of outages from patients"
coalition stage $f V-2 Problem --systems "ITSM tool" --it-owner Dev \
  --pain "Root causes wait weeks for a problem manager"
coalition stage $f V-2 Change --systems "Change calendar" --it-owner "Lena Park" \
  --pain "Fixes queue for the monthly change board"
# the fuller records (docs/records.md): objectives and initiatives, a decision record, the
# register entries of two irritants, the stream's end-to-end owner
coalition add $f objective "Book any referral within 48 hours" --side business --step vision
coalition add $f objective "Reset a clinician's password within the hour" --side it \
  --serves O-1 --step vision
coalition add $f initiative "AI triage pilot for referral letters" --owner tom --ai \
  --serves O-1 --step vision  # IT-only so far: the health check asks for a business owner
coalition add $f initiative "Self-service password reset for every clinician" --owner grace \
  --owner tom --serves O-2 --step vision
coalition edit $f D-4 --context "Fortnightly meetings leave the board metric waiting" \
  --driver "The board meets on 2027-01-20" \
  --option "Weekly until the metric is live + keeps pace - more diary time" \
  --option "Stay fortnightly + fewer meetings - the metric slips a month" --chosen 1 \
  --consequence "A question waits a week at most" \
  --bad-consequence "Four more meetings before January" \
  --confirmation "The board pack of 2027-01-20 shows the new metric" --decided-on 2026-12-03
coalition edit $f A-7 --decision D-3
coalition edit $f I-1 --raised-by grace --raised-on 2026-11-19 --priority high \
  --benefit "Clinicians back on the wards the same day" \
  --measure "Hours to reset a clinician's password" --baseline 72 --target 1 \
  --due 2026-12-17 --stream V-1 --stage Triage
coalition edit $f I-4 --raised-by grace \
  --benefit "Clinic managers move staff to the longest queue"
coalition edit $f V-1 --e2e-owner grace --walked-with-it 2026-12-01
coalition close $f

# -- the health check: six weeks later, rated green, amber or red ------------------------
coalition new --client "$client" --title "Health check" --date 2027-01-14 \
  --facilitator "Fran Okafor" --playbook alignment-health-check
h=health
for member in P-1 P-3 P-4; do coalition mark $h $member present; done  # Dev, Ana away
coalition mark $h A-3 done
coalition mark $h A-7 done
coalition mark $h I-1 removed
coalition mark $h I-3 publicized
coalition edit $h I-3 --publicized-via "Clinic bulletin" --publicized-on 2027-01-10 \
  --noticed "Yes: two clinic managers wrote back"
coalition edit $h V-1 --walked-with-business 2027-01-12
coalition add $h rating "Both business members came, but Dev and Ana were away" \
  --level amber --step coalition
coalition add $h rating "Board pack still leads with uptime; the new metric is not live" \
  --level red --step reporting
coalition add $h objective "Refresh the data-centre network by September" --side it \
  --step objectives  # on IT's list since 2025; nobody could name the business goal
coalition add $h initiative "Move the service desk onto the new ITSM tool" --owner tom \
  --serves O-2 --step objectives
coalition add $h initiative "One scheduling system for all 14 clinics" --serves O-1 \
  --step objectives  # Maria and Dev both want it; neither has taken it on yet
coalition add $h rating \
  "Most objectives serve patient access; the network refresh serves none, and the AI triage pilot has no business owner" \
  --level amber --step objectives
coalition add $h rating "Two irritants removed, one publicized; clinics noticed" \
  --level green --step irritants
coalition add $h action "Name a business owner for the AI triage pilot" --owner maria \
  --due 2027-01-28 --step objectives
coalition add $h action "Publicize the password-reset fix on the wards" --owner tom \
  --due 2027-01-21 --step irritants
# the business members came without new irritants, so Tom's three opened the list
coalition add $h irritant "Monitoring alerts go to a mailbox nobody reads at night" \
  --raised-by tom --owner tom --step irritants
coalition add $h irritant "Changes to the EPR wait a month for the change board" \
  --raised-by tom --owner dev --step irritants
coalition add $h irritant "Clinic printers are reported through three different forms" \
  --raised-by tom --owner tom --step irritants
coalition add $h action "Ask each clinic manager for their top irritant before March" \
  --owner grace --due 2027-02-11 --step irritants
coalition add $h action "Propose an end-to-end owner for the detect-to-correct stream" \
  --owner dev --due 2027-02-04 --step objectives
coalition add $h note "Next: the full coalition workshop in March, with the new metric live" \
  --step close
coalition close $h

coalition programme "$client" --html
