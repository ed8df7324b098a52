# Kinds of work (domain::work::WorkKind), shared by sites and position bans.
work-cleaning = Cleaning
work-gardening = Gardening and parks
work-construction = Construction
work-repair = Repair and maintenance
work-kitchen = Kitchen and food
work-warehouse = Warehouse and sorting
work-office = Office work
work-care_elderly = Care for the elderly
work-care_disabled = Care for people with disabilities
work-childcare = Childcare
work-education = Education and libraries
work-driving = Driving
work-animal_care = Animal care
work-community_events = Community events
work-sports = Sports facilities
work-retail = Charity shops and retail
