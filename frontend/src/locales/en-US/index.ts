import common from './common'
import auth from './auth'
import directory from './directory'
import home from './home'
import imports from './imports'

export default { common, auth, directory, home, imports }
