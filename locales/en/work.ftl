# Kinds of work (domain::work::WorkKind), shared by sites and restrictions.
work-cleaning = Cleaning
work-gardening = Gardening and green spaces
work-construction = Construction
work-repair = Repair and maintenance
work-kitchen = Kitchen and food
work-warehouse = Warehouse and sorting
work-office = Office work
work-care_elderly = Care for elderly people
work-care_disabled = Care for people with disabilities
work-childcare = Work with children
work-education = Education and libraries
work-driving = Driving
work-animal_care = Animal care
work-community_events = Community events
work-sports = Sports facilities
work-retail = Charity shops and retail
