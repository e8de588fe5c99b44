import common from './common'
import auth from './auth'
import directory from './directory'
import home from './home'
import imports from './imports'
import slots from './slots'
import placements from './placements'
import notices from './notices'
import students from './students'
import rounds from './rounds'
import certificates from './certificates'
import alumni from './alumni'
import invitations from './invitations'
import hazards from './hazards'
import fieldwork from './fieldwork'
import careers from './careers'
import care from './care'
import consent from './consent'
import policies from './policies'
import fairs from './fairs'
import jobs from './jobs'
import selfArranged from './selfArranged'

export default {
  common,
  auth,
  directory,
  home,
  imports,
  slots,
  placements,
  notices,
  students,
  rounds,
  certificates,
  alumni,
  invitations,
  hazards,
  fieldwork,
  careers,
  care,
  consent,
  policies,
  fairs,
  jobs,
  selfArranged,
}
